/*
 * greetd: answers every HTTP request with libgreet's greeting, e.g. "Hello, world!".
 *
 *   greetd --host 127.0.0.1 --port 8080 [--name world]
 *
 * One connection at a time; it is a sample service, not a web server.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "greet.h"

static volatile sig_atomic_t stopping = 0;

static void stop(int signal_number) {
  (void)signal_number;
  stopping = 1;
}

static void usage(void) {
  fprintf(stderr, "usage: greetd --host ADDRESS --port PORT [--name NAME]\n");
  exit(2);
}

static void answer(int client, const char *name) {
  char request[4096];
  size_t used = 0;
  /* Read the request head, up to its blank line; the request itself does not matter. */
  while (used < sizeof request - 1) {
    ssize_t n = read(client, request + used, sizeof request - 1 - used);
    if (n <= 0) {
      break;
    }
    used += (size_t)n;
    request[used] = '\0';
    if (strstr(request, "\r\n\r\n") != NULL || strstr(request, "\n\n") != NULL) {
      break;
    }
  }
  char body[256];
  int length = greet_format(body, sizeof body - 1, name);
  body[length++] = '\n';
  body[length] = '\0';
  char response[512];
  int size = snprintf(response, sizeof response,
                      "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n"
                      "Connection: close\r\n\r\n%s",
                      length, body);
  ssize_t written = write(client, response, (size_t)size);
  (void)written;
}

int main(int argc, char **argv) {
  const char *host = NULL;
  const char *name = "world";
  int port = -1;
  for (int i = 1; i < argc; i++) {
    if (i + 1 >= argc) {
      usage();
    }
    if (strcmp(argv[i], "--host") == 0) {
      host = argv[++i];
    } else if (strcmp(argv[i], "--port") == 0) {
      port = atoi(argv[++i]);
    } else if (strcmp(argv[i], "--name") == 0) {
      name = argv[++i];
    } else {
      usage();
    }
  }
  if (host == NULL || port <= 0 || port > 65535) {
    usage();
  }

  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = stop;
  sigaction(SIGTERM, &action, NULL);
  sigaction(SIGINT, &action, NULL);
  signal(SIGPIPE, SIG_IGN);

  int server = socket(AF_INET, SOCK_STREAM, 0);
  if (server < 0) {
    perror("greetd: socket");
    return 1;
  }
  int yes = 1;
  setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  struct sockaddr_in address;
  memset(&address, 0, sizeof address);
  address.sin_family = AF_INET;
  address.sin_port = htons((unsigned short)port);
  if (inet_pton(AF_INET, host, &address.sin_addr) != 1) {
    fprintf(stderr, "greetd: not an IPv4 address: %s\n", host);
    return 2;
  }
  if (bind(server, (struct sockaddr *)&address, sizeof address) != 0) {
    fprintf(stderr, "greetd: cannot listen on %s:%d: ", host, port);
    perror(NULL);
    return 1;
  }
  if (listen(server, 16) != 0) {
    perror("greetd: listen");
    return 1;
  }
  printf("greetd: listening on %s:%d, answering \"%s, %s!\"\n", host, port, greet_word(), name);
  fflush(stdout);

  while (!stopping) {
    int client = accept(server, NULL, NULL);
    if (client < 0) {
      continue; /* interrupted by a signal, or a failed connection */
    }
    answer(client, name);
    close(client);
  }
  close(server);
  printf("greetd: stopped\n");
  return 0;
}
