/* A C program over libsvcmgr.so, driven by ServiceManager.Native.Tests: one call (or a loop) per run, its return
 * code and its result or last error printed, so the tests can check the library the way a C program sees it.
 *
 *   svcmgr-c SOCKET|- version
 *   svcmgr-c SOCKET|- list | start NAME | stop NAME | restart NAME | call METHOD PARAMS_JSON
 *   svcmgr-c SOCKET|- free-loop N          N lists, each result freed; the heap's growth over the last N/2
 *   svcmgr-c SOCKET|- threads N NAME       two threads on one client: N lists and N statuses of NAME, then an
 *                                          unknown name in one thread (its own last error; the other's stays NULL)
 *
 * "-" connects to the default socket (SVCMGR_SOCKET, SVCMGR_HOME, XDG). Output: "rc=N", then "result=..." or
 * "error=..." lines. */
#include <malloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "svcmgr.h"

static void report(svcmgr_client *client, int rc, char *result)
{
    printf("rc=%d\n", rc);
    if (rc != 0) {
        const char *error = svcmgr_last_error(client);
        printf("error=%s\n", error ? error : "(null)");
    }
    if (result) {
        printf("result=%s\n", result);
        svcmgr_free(result);
    }
}

static int free_loop(svcmgr_client *client, int count)
{
    size_t after_warm_up = 0;
    for (int i = 0; i < count; i++) {
        char *result = NULL;
        int rc = svcmgr_list(client, &result);
        if (rc != 0 || result == NULL) {
            report(client, rc, result);
            return 1;
        }
        svcmgr_free(result);
        if (i == count / 2) after_warm_up = mallinfo2().uordblks;
    }
    long growth = (long)mallinfo2().uordblks - (long)after_warm_up;
    printf("rc=0\nheap_growth=%ld\n", growth);
    return 0;
}

struct worker {
    svcmgr_client *client;
    int count;
    const char *name;
    int failures;
    int unknown_rc;
    char unknown_error[512];
    int error_was_null;
};

static void *lister(void *arg)
{
    struct worker *w = arg;
    for (int i = 0; i < w->count; i++) {
        char *result = NULL;
        if (svcmgr_list(w->client, &result) != 0 || result == NULL || strstr(result, w->name) == NULL) w->failures++;
        svcmgr_free(result);
    }
    w->error_was_null = svcmgr_last_error(w->client) == NULL;
    return NULL;
}

static void *status_caller(void *arg)
{
    struct worker *w = arg;
    char params[256];
    snprintf(params, sizeof params, "{\"name\":\"%s\"}", w->name);
    for (int i = 0; i < w->count; i++) {
        char *result = NULL;
        if (svcmgr_call(w->client, "status", params, &result) != 0 || result == NULL || strstr(result, w->name) == NULL) w->failures++;
        svcmgr_free(result);
    }
    w->unknown_rc = svcmgr_start(w->client, "no-such-instance");
    const char *error = svcmgr_last_error(w->client);
    snprintf(w->unknown_error, sizeof w->unknown_error, "%s", error ? error : "(null)");
    return NULL;
}

static int threads(svcmgr_client *client, int count, const char *name)
{
    struct worker a = { client, count, name, 0, 0, "", 0 }, b = a;
    pthread_t ta, tb;
    pthread_create(&ta, NULL, lister, &a);
    pthread_create(&tb, NULL, status_caller, &b);
    pthread_join(ta, NULL);
    pthread_join(tb, NULL);
    printf("rc=0\nlist_failures=%d\nstatus_failures=%d\nunknown_rc=%d\nunknown_error=%s\nlister_error_null=%d\n",
           a.failures, b.failures, b.unknown_rc, b.unknown_error, a.error_was_null);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: svcmgr-c SOCKET|- COMMAND [ARGS]\n");
        return 64;
    }
    const char *command = argv[2];
    if (strcmp(command, "version") == 0) {
        printf("rc=0\nresult=%s\n", svcmgr_version());
        return 0;
    }

    svcmgr_client *client = svcmgr_connect(strcmp(argv[1], "-") == 0 ? NULL : argv[1]);
    if (client == NULL) {
        printf("rc=-1\nerror=svcmgr_connect returned NULL\n");
        return 1;
    }

    /* The call runs before report() reads result: C leaves the order of a call's arguments unspecified. */
    int status = 0, rc;
    char *result = NULL;
    if (strcmp(command, "list") == 0) {
        rc = svcmgr_list(client, &result);
        report(client, rc, result);
    } else if (strcmp(command, "start") == 0 && argc > 3) {
        report(client, svcmgr_start(client, argv[3]), NULL);
    } else if (strcmp(command, "stop") == 0 && argc > 3) {
        report(client, svcmgr_stop(client, argv[3]), NULL);
    } else if (strcmp(command, "restart") == 0 && argc > 3) {
        report(client, svcmgr_restart(client, argv[3]), NULL);
    } else if (strcmp(command, "call") == 0 && argc > 4) {
        rc = svcmgr_call(client, argv[3], argv[4], &result);
        report(client, rc, result);
    } else if (strcmp(command, "free-loop") == 0 && argc > 3) {
        status = free_loop(client, atoi(argv[3]));
    } else if (strcmp(command, "threads") == 0 && argc > 4) {
        status = threads(client, atoi(argv[3]), argv[4]);
    } else {
        fprintf(stderr, "svcmgr-c: unknown command or missing argument\n");
        status = 64;
    }

    svcmgr_disconnect(client);
    return status;
}
