// A plain C surface over libmosquitto for Portsight's MQTT sink: one client with its own network
// thread, QoS 1 publishes, a retained status with a last will, and the acknowledgements collected
// for the Swift side to take. Every function returns a status; none aborts.
#ifndef PORTSIGHT_MQTTSHIM_H
#define PORTSIGHT_MQTTSHIM_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// One broker connection. Created by mqs_client_create, freed by mqs_client_destroy.
typedef struct mqs_client mqs_client;

/// How to reach the broker. Strings are copied; NULL (or "") means not set.
typedef struct mqs_options {
    const char *host;
    int port;
    int keepalive_s;
    const char *client_id;
    const char *username;
    const char *password;
    bool tls;                 // use TLS (with tls_ca_file, or the system's CAs when it is NULL)
    const char *tls_ca_file;
    const char *tls_cert_file;  // client certificate, with tls_key_file
    const char *tls_key_file;
    bool tls_insecure;        // do not check the broker's host name against its certificate
    const char *status_topic;  // retained: online_payload on every connect; the will is offline_payload
    const char *online_payload;
    const char *offline_payload;
    int max_inflight;
} mqs_options;

/// Where the connection stands.
typedef enum mqs_state {
    MQS_CONNECTING = 0,   // not connected yet
    MQS_CONNECTED = 1,    // connected; the online status was published
    MQS_LOST = 2,         // was connected, the connection dropped
    MQS_REFUSED = 3,      // the broker answered CONNACK with a refusal (credentials, client id)
    MQS_FAILED = 4,       // the connection attempt failed (unreachable, TLS, name lookup)
} mqs_state;

/// Called on the client's network thread after every acknowledgement and connection change.
typedef void (*mqs_notify_fn)(void *context);

/// Creates a client and starts connecting in the background. Returns 0, or a libmosquitto error
/// with its explanation in `error` (bad options, a TLS file that cannot be used).
int mqs_client_create(const mqs_options *options, mqs_notify_fn notify, void *context, mqs_client **out,
                      char *error, size_t error_size);

/// Publishes `payload` to `topic` at QoS 1, not retained; `mid` receives the message id to watch
/// for in mqs_take_acks. Returns 0, or an error with its explanation.
int mqs_publish(mqs_client *client, const char *topic, const void *payload, int length, int *mid, char *error,
                size_t error_size);

/// Moves up to `capacity` acknowledged message ids into `mids`; returns how many.
size_t mqs_take_acks(mqs_client *client, int *mids, size_t capacity);

/// The connection's state; `connections` receives how many times it connected, `reason` why the
/// last attempt or connection failed ("" when none).
mqs_state mqs_get_state(mqs_client *client, unsigned *connections, char *reason, size_t reason_size);

/// Disconnects and frees the client. With `announce_offline`, a connected client first publishes
/// the offline status (a clean disconnect sends no will) and waits up to `flush_ms` for its ack.
void mqs_client_destroy(mqs_client *client, bool announce_offline, int flush_ms);

#ifdef __cplusplus
}
#endif

#endif
