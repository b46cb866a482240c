#include "mqttshim.h"

#include <errno.h>
#include <mosquitto.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct mqs_client {
    struct mosquitto *mosq;
    mqs_notify_fn notify;
    void *context;
    char *status_topic;
    char *online_payload;
    char *offline_payload;

    // Guarded by lock: written on the network thread, read by the Swift side.
    pthread_mutex_t lock;
    pthread_cond_t changed;
    mqs_state state;
    unsigned connections;
    char reason[256];
    int *acks;
    size_t ack_count;
    size_t ack_capacity;
    int offline_mid;
    bool offline_acked;
};

static pthread_once_t library_once = PTHREAD_ONCE_INIT;

static void library_init(void) { mosquitto_lib_init(); }

static char *copy_or_null(const char *text) { return (text && *text) ? strdup(text) : NULL; }

static void set_error(char *error, size_t size, const char *what, int rc) {
    if (!error || size == 0) return;
    if (rc == MOSQ_ERR_ERRNO) {
        snprintf(error, size, "%s: %s", what, strerror(errno));
    } else {
        snprintf(error, size, "%s: %s", what, mosquitto_strerror(rc));
    }
}

static void on_connect(struct mosquitto *mosq, void *object, int rc) {
    mqs_client *client = object;
    pthread_mutex_lock(&client->lock);
    if (rc == 0) {
        client->state = MQS_CONNECTED;
        client->connections += 1;
        client->reason[0] = 0;
    } else {
        client->state = MQS_REFUSED;
        snprintf(client->reason, sizeof client->reason, "the broker refused the connection: %s",
                 mosquitto_connack_string(rc));
    }
    pthread_mutex_unlock(&client->lock);
    if (rc == 0 && client->status_topic && client->online_payload) {
        mosquitto_publish(mosq, NULL, client->status_topic, (int)strlen(client->online_payload),
                          client->online_payload, 1, true);
    }
    client->notify(client->context);
}

static void on_disconnect(struct mosquitto *mosq, void *object, int rc) {
    (void)mosq;
    mqs_client *client = object;
    pthread_mutex_lock(&client->lock);
    if (client->state == MQS_CONNECTED) {
        client->state = MQS_LOST;
        snprintf(client->reason, sizeof client->reason, "the connection to the broker was lost: %s",
                 rc == 0 ? "disconnected" : mosquitto_strerror(rc));
    }
    pthread_cond_broadcast(&client->changed);
    pthread_mutex_unlock(&client->lock);
    client->notify(client->context);
}

static void on_publish(struct mosquitto *mosq, void *object, int mid) {
    (void)mosq;
    mqs_client *client = object;
    pthread_mutex_lock(&client->lock);
    if (mid == client->offline_mid) client->offline_acked = true;
    if (client->ack_count == client->ack_capacity) {
        size_t capacity = client->ack_capacity ? client->ack_capacity * 2 : 256;
        int *grown = realloc(client->acks, capacity * sizeof(int));
        if (grown) {
            client->acks = grown;
            client->ack_capacity = capacity;
        }
    }
    // Out of memory loses the ack: the Swift side times out and publishes the events again.
    if (client->ack_count < client->ack_capacity) client->acks[client->ack_count++] = mid;
    pthread_cond_broadcast(&client->changed);
    pthread_mutex_unlock(&client->lock);
    client->notify(client->context);
}

// libmosquitto reports a failed TLS handshake only in its log: keep the last error as the reason
// while the client is not connected.
static void on_log(struct mosquitto *mosq, void *object, int level, const char *text) {
    (void)mosq;
    if (!(level & (MOSQ_LOG_ERR | MOSQ_LOG_WARNING)) || !text) return;
    mqs_client *client = object;
    pthread_mutex_lock(&client->lock);
    if (client->state != MQS_CONNECTED) snprintf(client->reason, sizeof client->reason, "%s", text);
    pthread_mutex_unlock(&client->lock);
}

static void free_client(mqs_client *client) {
    if (client->mosq) mosquitto_destroy(client->mosq);
    pthread_mutex_destroy(&client->lock);
    pthread_cond_destroy(&client->changed);
    free(client->status_topic);
    free(client->online_payload);
    free(client->offline_payload);
    free(client->acks);
    free(client);
}

int mqs_client_create(const mqs_options *options, mqs_notify_fn notify, void *context, mqs_client **out,
                      char *error, size_t error_size) {
    pthread_once(&library_once, library_init);
    *out = NULL;
    mqs_client *client = calloc(1, sizeof *client);
    if (!client) {
        set_error(error, error_size, "creating the MQTT client", MOSQ_ERR_NOMEM);
        return MOSQ_ERR_NOMEM;
    }
    pthread_mutex_init(&client->lock, NULL);
    pthread_cond_init(&client->changed, NULL);
    client->notify = notify;
    client->context = context;
    client->offline_mid = -1;
    client->status_topic = copy_or_null(options->status_topic);
    client->online_payload = copy_or_null(options->online_payload);
    client->offline_payload = copy_or_null(options->offline_payload);

    client->mosq = mosquitto_new(options->client_id, true, client);
    if (!client->mosq) {
        int rc = errno == EINVAL ? MOSQ_ERR_INVAL : MOSQ_ERR_NOMEM;
        set_error(error, error_size, "creating the MQTT client", rc);
        free_client(client);
        return rc;
    }
    struct mosquitto *mosq = client->mosq;
    mosquitto_int_option(mosq, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V311);
    // Many small publishes: without this, Nagle's algorithm meets the broker's delayed ACKs and
    // each window waits tens of milliseconds.
    mosquitto_int_option(mosq, MOSQ_OPT_TCP_NODELAY, 1);
    mosquitto_max_inflight_messages_set(mosq, options->max_inflight > 0 ? (unsigned)options->max_inflight : 0);
    mosquitto_connect_callback_set(mosq, on_connect);
    mosquitto_disconnect_callback_set(mosq, on_disconnect);
    mosquitto_publish_callback_set(mosq, on_publish);
    mosquitto_log_callback_set(mosq, on_log);

    int rc = MOSQ_ERR_SUCCESS;
    if (options->username && *options->username) {
        rc = mosquitto_username_pw_set(mosq, options->username, options->password);
        if (rc) {
            set_error(error, error_size, "setting the username and password", rc);
            free_client(client);
            return rc;
        }
    }
    if (options->tls) {
        // With no CA file, the system's CA folder vouches for the broker.
        const char *ca_file = (options->tls_ca_file && *options->tls_ca_file) ? options->tls_ca_file : NULL;
        const char *ca_path = ca_file ? NULL : "/etc/ssl/certs";
        const char *cert_file = (options->tls_cert_file && *options->tls_cert_file) ? options->tls_cert_file : NULL;
        const char *key_file = (options->tls_key_file && *options->tls_key_file) ? options->tls_key_file : NULL;
        rc = mosquitto_tls_set(mosq, ca_file, ca_path, cert_file, key_file, NULL);
        if (rc == MOSQ_ERR_SUCCESS) rc = mosquitto_tls_insecure_set(mosq, options->tls_insecure);
        if (rc) {
            set_error(error, error_size, "setting up TLS (check the CA, certificate and key files)", rc);
            free_client(client);
            return rc;
        }
    }
    if (client->status_topic && client->offline_payload) {
        rc = mosquitto_will_set(mosq, client->status_topic, (int)strlen(client->offline_payload), client->offline_payload,
                                1, true);
        if (rc) {
            set_error(error, error_size, "setting the last will", rc);
            free_client(client);
            return rc;
        }
    }
    mosquitto_reconnect_delay_set(mosq, 1, 30, true);

    // The first attempt may fail at once (nothing listening, a name that does not resolve): that is
    // a state, not an error; the network thread keeps trying and the Swift side decides when to
    // give up on this client.
    rc = mosquitto_connect_async(mosq, options->host, options->port, options->keepalive_s);
    if (rc != MOSQ_ERR_SUCCESS) {
        pthread_mutex_lock(&client->lock);
        client->state = MQS_FAILED;
        if (rc == MOSQ_ERR_EAI) {
            snprintf(client->reason, sizeof client->reason, "cannot resolve the broker's host name '%s'", options->host);
        } else if (client->reason[0]) {
            // The log said more (OpenSSL's verdict on a certificate): keep it after the error.
            char logged[sizeof client->reason];
            snprintf(logged, sizeof logged, "%s", client->reason);
            snprintf(client->reason, sizeof client->reason, "cannot connect to the broker: %s (%s)",
                     mosquitto_strerror(rc), logged);
        } else {
            set_error(client->reason, sizeof client->reason, "cannot connect to the broker", rc);
        }
        pthread_mutex_unlock(&client->lock);
    }
    rc = mosquitto_loop_start(mosq);
    if (rc) {
        set_error(error, error_size, "starting the MQTT network thread", rc);
        free_client(client);
        return rc;
    }
    *out = client;
    return MOSQ_ERR_SUCCESS;
}

int mqs_publish(mqs_client *client, const char *topic, const void *payload, int length, int *mid, char *error,
                size_t error_size) {
    int rc = mosquitto_publish(client->mosq, mid, topic, length, payload, 1, false);
    if (rc) set_error(error, error_size, "publishing", rc);
    return rc;
}

size_t mqs_take_acks(mqs_client *client, int *mids, size_t capacity) {
    pthread_mutex_lock(&client->lock);
    size_t count = client->ack_count < capacity ? client->ack_count : capacity;
    memcpy(mids, client->acks, count * sizeof(int));
    memmove(client->acks, client->acks + count, (client->ack_count - count) * sizeof(int));
    client->ack_count -= count;
    pthread_mutex_unlock(&client->lock);
    return count;
}

mqs_state mqs_get_state(mqs_client *client, unsigned *connections, char *reason, size_t reason_size) {
    pthread_mutex_lock(&client->lock);
    mqs_state state = client->state;
    if (connections) *connections = client->connections;
    if (reason && reason_size) snprintf(reason, reason_size, "%s", client->reason);
    pthread_mutex_unlock(&client->lock);
    return state;
}

void mqs_client_destroy(mqs_client *client, bool announce_offline, int flush_ms) {
    if (!client) return;
    pthread_mutex_lock(&client->lock);
    bool connected = client->state == MQS_CONNECTED;
    pthread_mutex_unlock(&client->lock);
    if (connected && announce_offline && client->status_topic && client->offline_payload) {
        // Not under our lock: the network thread may hold libmosquitto's locks while it waits for ours
        // in on_publish. An ack that beats us to the lock is found among the collected ones.
        int mid = -1;
        int rc = mosquitto_publish(client->mosq, &mid, client->status_topic, (int)strlen(client->offline_payload),
                                   client->offline_payload, 1, true);
        if (rc == MOSQ_ERR_SUCCESS) {
            struct timespec until;
            clock_gettime(CLOCK_REALTIME, &until);
            until.tv_sec += flush_ms / 1000;
            until.tv_nsec += (long)(flush_ms % 1000) * 1000000L;
            if (until.tv_nsec >= 1000000000L) {
                until.tv_sec += 1;
                until.tv_nsec -= 1000000000L;
            }
            pthread_mutex_lock(&client->lock);
            client->offline_mid = mid;
            for (size_t i = 0; i < client->ack_count; i++) {
                if (client->acks[i] == mid) client->offline_acked = true;
            }
            while (!client->offline_acked && client->state == MQS_CONNECTED) {
                if (pthread_cond_timedwait(&client->changed, &client->lock, &until) == ETIMEDOUT) break;
            }
            pthread_mutex_unlock(&client->lock);
        }
    }
    mosquitto_disconnect(client->mosq);
    // A thread still trying to connect may sit in a blocking connect(): cancel it rather than wait.
    mosquitto_loop_stop(client->mosq, !connected);
    free_client(client);
}
