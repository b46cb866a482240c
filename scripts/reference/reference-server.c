/* The floor for scripts/benchmarks/bench-feed: the smallest HTTP/1.1 server we can write (one thread, epoll,
 * a fixed {"status":"ok"} to every request). Loaded like the feed, in the same run, it shows how
 * much of the latency a client sees is this box's scheduling rather than the feed.
 * Usage: reference-server PORT   (127.0.0.1 only) */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

static const char answer[] =
    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 15\r\n\r\n{\"status\":\"ok\"}";

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: reference-server PORT\n"); return 2; }
    int listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0), one = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons(atoi(argv[1]))};
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(listener, (struct sockaddr *)&address, sizeof address) || listen(listener, 128)) {
        perror("reference-server");
        return 1;
    }
    int poller = epoll_create1(0);
    struct epoll_event event = {.events = EPOLLIN, .data.fd = listener}, ready[64];
    epoll_ctl(poller, EPOLL_CTL_ADD, listener, &event);
    /* The last 3 bytes read per connection, so a request end split across reads is still seen. */
    static char tail[65536][4];
    char buffer[65536];
    for (;;) {
        int count = epoll_wait(poller, ready, 64, -1);
        for (int i = 0; i < count; i++) {
            int fd = ready[i].data.fd;
            if (fd == listener) {
                int client;
                while ((client = accept4(listener, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                    if (client >= 65536) { close(client); continue; }
                    setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    memset(tail[client], 0, 4);
                    struct epoll_event watch = {.events = EPOLLIN, .data.fd = client};
                    epoll_ctl(poller, EPOLL_CTL_ADD, client, &watch);
                }
                continue;
            }
            ssize_t got = read(fd, buffer + 3, sizeof buffer - 3);
            if (got <= 0) { close(fd); continue; }
            memcpy(buffer, tail[fd], 3);
            int requests = 0;
            for (ssize_t at = 0; at + 4 <= got + 3; at++)
                if (memcmp(buffer + at, "\r\n\r\n", 4) == 0) requests++;
            memcpy(tail[fd], buffer + got, 3);
            for (int r = 0; r < requests; r++)
                if (write(fd, answer, sizeof answer - 1) < 0) { close(fd); break; }
        }
    }
}
