/*
 * real.h - the C library's own versions of every function the tracer
 * interposes, as pointers named real_NAME.
 *
 * One list, REAL_FUNCTIONS, names them all with their types; the pointers'
 * declarations, definitions and dlsym() look-ups are all made from it, so
 * the three can never disagree.
 */
#ifndef SOCKLAB_REAL_H
#define SOCKLAB_REAL_H

#include <netdb.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/wait.h>

typedef int (*main_fn)(int, char **, char **);

/* X(return type, name, (parameter types)) */
#define REAL_FUNCTIONS(X)                                                                          \
	X(int, socket, (int, int, int))                                                            \
	X(int, socketpair, (int, int, int, int[2]))                                                \
	X(int, bind, (int, const struct sockaddr *, socklen_t))                                    \
	X(int, listen, (int, int))                                                                 \
	X(int, accept, (int, struct sockaddr *, socklen_t *))                                      \
	X(int, accept4, (int, struct sockaddr *, socklen_t *, int))                                \
	X(int, connect, (int, const struct sockaddr *, socklen_t))                                 \
	X(int, getsockname, (int, struct sockaddr *, socklen_t *))                                 \
	X(int, getpeername, (int, struct sockaddr *, socklen_t *))                                 \
	X(int, setsockopt, (int, int, int, const void *, socklen_t))                               \
	X(int, getsockopt, (int, int, int, void *, socklen_t *))                                   \
	X(int, shutdown, (int, int))                                                               \
	X(ssize_t, send, (int, const void *, size_t, int))                                         \
	X(ssize_t, sendto, (int, const void *, size_t, int, const struct sockaddr *, socklen_t))   \
	X(ssize_t, sendmsg, (int, const struct msghdr *, int))                                     \
	X(ssize_t, recv, (int, void *, size_t, int))                                               \
	X(ssize_t, recvfrom, (int, void *, size_t, int, struct sockaddr *, socklen_t *))           \
	X(ssize_t, recvmsg, (int, struct msghdr *, int))                                           \
	X(ssize_t, __recv_chk, (int, void *, size_t, size_t, int))                                 \
	X(ssize_t, __recvfrom_chk,                                                                 \
	  (int, void *, size_t, size_t, int, struct sockaddr *, socklen_t *))                      \
	X(ssize_t, read, (int, void *, size_t))                                                    \
	X(ssize_t, __read_chk, (int, void *, size_t, size_t))                                      \
	X(ssize_t, write, (int, const void *, size_t))                                             \
	X(ssize_t, readv, (int, const struct iovec *, int))                                        \
	X(ssize_t, writev, (int, const struct iovec *, int))                                       \
	X(int, close, (int))                                                                       \
	X(int, fclose, (FILE *))                                                                   \
	X(int, close_range, (unsigned int, unsigned int, int))                                     \
	X(void, closefrom, (int))                                                                  \
	X(int, dup, (int))                                                                         \
	X(int, dup2, (int, int))                                                                   \
	X(int, dup3, (int, int, int))                                                              \
	X(int, fcntl, (int, int, ...))                                                             \
	X(int, fcntl64, (int, int, ...))                                                           \
	X(int, select, (int, fd_set *, fd_set *, fd_set *, struct timeval *))                      \
	X(int, pselect,                                                                            \
	  (int, fd_set *, fd_set *, fd_set *, const struct timespec *, const sigset_t *))          \
	X(int, poll, (struct pollfd *, nfds_t, int))                                               \
	X(int, ppoll, (struct pollfd *, nfds_t, const struct timespec *, const sigset_t *))        \
	X(int, __poll_chk, (struct pollfd *, nfds_t, int, size_t))                                 \
	X(int, epoll_create, (int))                                                                \
	X(int, epoll_create1, (int))                                                               \
	X(int, epoll_ctl, (int, int, int, struct epoll_event *))                                   \
	X(int, epoll_wait, (int, struct epoll_event *, int, int))                                  \
	X(int, epoll_pwait, (int, struct epoll_event *, int, int, const sigset_t *))               \
	X(int, pthread_create, (pthread_t *, const pthread_attr_t *, void *(*)(void *), void *))   \
	X(void, pthread_exit, (void *))                                                            \
	X(pid_t, fork, (void))                                                                     \
	X(int, execve, (const char *, char *const[], char *const[]))                               \
	X(int, execvpe, (const char *, char *const[], char *const[]))                              \
	X(int, fexecve, (int, char *const[], char *const[]))                                       \
	X(void, exit, (int))                                                                       \
	X(void, _exit, (int))                                                                      \
	X(void, _Exit, (int))                                                                      \
	X(pid_t, wait4, (pid_t, int *, int, struct rusage *))                                      \
	X(int, waitid, (idtype_t, id_t, siginfo_t *, int))                                         \
	X(int, sigaction, (int, const struct sigaction *, struct sigaction *))                     \
	X(int, getaddrinfo,                                                                        \
	  (const char *, const char *, const struct addrinfo *, struct addrinfo **))               \
	X(struct hostent *, gethostbyname, (const char *))                                         \
	X(int, __libc_start_main,                                                                  \
	  (main_fn, int, char **, void (*)(void), void (*)(void), void (*)(void), void *))

#define REAL_DECLARE(ret, name, args) extern ret(*real_##name) args;
REAL_FUNCTIONS(REAL_DECLARE)
#undef REAL_DECLARE

/* Fills every real_NAME pointer; called once, before main(). */
void real_resolve(void);

#endif
