/* svcmgr.h: the C client of the svcmgr daemon (libsvcmgr.so). Product spec section 6; docs/c-library.md.
 *
 * Every int is the exit code svcmgr's command line gives for the same failure: 0 ok, 1 failed, 2 daemon not
 * reachable, 3 config invalid, 4 no such instance, 64 bad arguments. Strings are UTF-8 and NUL-terminated. */
#ifndef SVCMGR_H
#define SVCMGR_H

#ifdef __cplusplus
extern "C" {
#endif

typedef struct svcmgr_client svcmgr_client;
svcmgr_client *svcmgr_connect(const char *socket_path);   /* NULL: the default path (SVCMGR_SOCKET, SVCMGR_HOME, XDG) */
void svcmgr_disconnect(svcmgr_client *client);
int svcmgr_call(svcmgr_client *client, const char *method, const char *params_json, char **result_json);
int svcmgr_list(svcmgr_client *client, char **result_json);          /* = svcmgr_call(client, "list", "{}", …) */
int svcmgr_start(svcmgr_client *client, const char *name);
int svcmgr_stop(svcmgr_client *client, const char *name);
int svcmgr_restart(svcmgr_client *client, const char *name);
const char *svcmgr_last_error(svcmgr_client *client);     /* message of the last failed call; owned by the client */
void svcmgr_free(char *result_json);                      /* frees what a call returned */
const char *svcmgr_version(void);

#ifdef __cplusplus
}
#endif

#endif /* SVCMGR_H */
