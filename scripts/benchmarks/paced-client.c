/* A lean paced HTTP/1.1 client for scripts/benchmarks/bench-feed: RATE GET requests a second on a fixed
 * schedule, spread over CONNECTIONS keep-alive connections, each request's latency counted from
 * its write to the last byte of its answer (as wrk counts). wrk with scripts/benchmarks/paced.lua does the
 * same job through Lua, at several times the CPU per request; on a two-core box a heavy client's
 * own waits for a core show up in the tail it reports, which this one keeps small.
 *
 * Usage: paced-client PORT PATH RATE CONNECTIONS SECONDS   (127.0.0.1 only)
 * Prints one line: requests=N errors=N late=N p50_us=.. p90_us=.. p99_us=.. p999_us=.. max_us=..
 * (errors: answers other than 200; late: requests written more than 1 ms after they were due,
 * because the client woke late or every connection still waited for an answer). */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

enum { MAX_CONNECTIONS = 64, BUFFER = 65536 };

struct connection {
    int fd;
    int busy;           /* a request written, its answer not complete */
    int64_t due_ns;     /* when that request was due */
    size_t have;        /* bytes of the answer read so far */
    char buffer[BUFFER];
};

static int64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static int compare(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static int open_connection(int port) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons(port)};
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || connect(fd, (struct sockaddr *)&address, sizeof address) != 0) {
        perror("paced-client: connect");
        exit(1);
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

/* The length of the complete answer at the start of `c->buffer`, or 0 when it is not all there. */
static size_t complete_answer(struct connection *c) {
    char *end = memmem(c->buffer, c->have, "\r\n\r\n", 4);
    if (!end) return 0;
    size_t head = (size_t)(end - c->buffer) + 4;
    size_t body = 0;
    char *length = memmem(c->buffer, head, "Content-Length:", 15);
    if (!length) length = memmem(c->buffer, head, "content-length:", 15);
    if (length) body = strtoul(length + 15, NULL, 10);
    return c->have >= head + body ? head + body : 0;
}

int main(int argc, char **argv) {
    if (argc != 6) {
        fprintf(stderr, "usage: paced-client PORT PATH RATE CONNECTIONS SECONDS\n");
        return 2;
    }
    int port = atoi(argv[1]);
    const char *path = argv[2];
    double rate = atof(argv[3]);
    int count = atoi(argv[4]);
    double seconds = atof(argv[5]);
    if (rate <= 0 || count < 1 || count > MAX_CONNECTIONS || seconds <= 0) {
        fprintf(stderr, "paced-client: RATE > 0, 1 <= CONNECTIONS <= %d, SECONDS > 0\n", MAX_CONNECTIONS);
        return 2;
    }
    char request[1024];
    int request_length = snprintf(request, sizeof request, "GET %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n\r\n", path, port);

    static struct connection connections[MAX_CONNECTIONS];
    int epoll = epoll_create1(0);
    for (int i = 0; i < count; i++) {
        connections[i].fd = open_connection(port);
        struct epoll_event event = {.events = EPOLLIN, .data.u32 = (uint32_t)i};
        epoll_ctl(epoll, EPOLL_CTL_ADD, connections[i].fd, &event);
    }
    int timer = timerfd_create(CLOCK_MONOTONIC, 0);
    struct epoll_event timer_event = {.events = EPOLLIN, .data.u32 = UINT32_MAX};
    epoll_ctl(epoll, EPOLL_CTL_ADD, timer, &timer_event);

    int64_t total = (int64_t)(rate * seconds);
    int64_t *latencies = calloc((size_t)total, sizeof *latencies);
    int64_t interval = (int64_t)(1e9 / rate);
    int64_t start = now_ns() + 10000000;
    int64_t next = 0, answered = 0, errors = 0, late = 0;
    int64_t *queue = calloc((size_t)total, sizeof *queue); /* due times of requests not yet written */
    int64_t queued = 0, written_from_queue = 0;
    int turn = 0;

    while (answered + errors < total) {
        int64_t now = now_ns();
        /* Requests now due join the queue; each goes out on the next free connection. */
        while (next < total && start + next * interval <= now) queue[queued++] = start + (next++) * interval;
        while (written_from_queue < queued) {
            struct connection *c = NULL;
            for (int i = 0; i < count && !c; i++, turn = (turn + 1) % count) {
                if (!connections[turn].busy) c = &connections[turn];
            }
            if (!c) break;  /* every connection waits for an answer: the request waits too */
            if (now - queue[written_from_queue++] > 1000000) late++;
            c->due_ns = now_ns();
            c->busy = 1;
            c->have = 0;
            if (write(c->fd, request, (size_t)request_length) != request_length) {
                perror("paced-client: write");
                return 1;
            }
        }
        if (next < total) {
            struct itimerspec due = {0};
            int64_t at = start + next * interval;
            due.it_value.tv_sec = at / 1000000000;
            due.it_value.tv_nsec = at % 1000000000;
            timerfd_settime(timer, TFD_TIMER_ABSTIME, &due, NULL);
        }
        struct epoll_event events[MAX_CONNECTIONS + 1];
        int ready = epoll_wait(epoll, events, MAX_CONNECTIONS + 1, 1000);
        if (ready < 0 && errno != EINTR) {
            perror("paced-client: epoll_wait");
            return 1;
        }
        for (int k = 0; k < ready; k++) {
            if (events[k].data.u32 == UINT32_MAX) {
                uint64_t expirations;
                if (read(timer, &expirations, sizeof expirations) < 0) { /* a spurious wake */ }
                continue;
            }
            struct connection *c = &connections[events[k].data.u32];
            ssize_t got = read(c->fd, c->buffer + c->have, BUFFER - 1 - c->have);
            if (got <= 0) {
                fprintf(stderr, "paced-client: the server closed a connection\n");
                return 1;
            }
            c->have += (size_t)got;
            size_t length = complete_answer(c);
            if (length == 0) {
                if (c->have >= BUFFER - 1) { fprintf(stderr, "paced-client: an answer over %d bytes\n", BUFFER); return 1; }
                continue;
            }
            if (c->busy) {
                if (strncmp(c->buffer, "HTTP/1.1 200", 12) == 0) latencies[answered++] = now_ns() - c->due_ns;
                else errors++;
                c->busy = 0;
            }
            c->have = 0;
        }
    }
    qsort(latencies, (size_t)answered, sizeof *latencies, compare);
#define AT(q) (answered ? latencies[(int64_t)((answered - 1) * (q))] / 1000 : 0)
    printf("requests=%lld errors=%lld late=%lld p50_us=%lld p90_us=%lld p99_us=%lld p999_us=%lld max_us=%lld\n",
           (long long)answered, (long long)errors, (long long)late, (long long)AT(0.5), (long long)AT(0.9), (long long)AT(0.99),
           (long long)AT(0.999), (long long)AT(1.0));
    return errors ? 1 : 0;
}
