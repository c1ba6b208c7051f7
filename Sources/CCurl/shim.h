#include <curl/curl.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>

// libcurl is loaded when the first request is made, not when a program starts: libcurl brings
// about thirty shared libraries (TLS, Kerberos, LDAP, SSH…) whose loading cost every `gangwan`
// command 13 ms at start-up, though only `gangwan sync` talks to the network.
//
// Swift cannot call C variadic functions, so each kind of value curl_easy_setopt and
// curl_easy_getinfo take gets one typed wrapper here, as does every other libcurl function used.

/// The libcurl functions used, looked up in the loaded library.
struct gangwan_curl_api {
    CURLcode (*global_init)(long flags);
    CURL *(*easy_init)(void);
    CURLcode (*easy_setopt)(CURL *handle, CURLoption option, ...);
    CURLcode (*easy_getinfo)(CURL *handle, CURLINFO info, ...);
    CURLcode (*easy_perform)(CURL *handle);
    void (*easy_reset)(CURL *handle);
    void (*easy_cleanup)(CURL *handle);
    const char *(*easy_strerror)(CURLcode code);
    struct curl_slist *(*slist_append)(struct curl_slist *list, const char *line);
    void (*slist_free_all)(struct curl_slist *list);
};

/// Looks up the functions in the loaded library; 0 when one is missing.
static inline int gangwan_curl_load(void *library, struct gangwan_curl_api *api) {
    api->global_init = (CURLcode (*)(long))dlsym(library, "curl_global_init");
    api->easy_init = (CURL *(*)(void))dlsym(library, "curl_easy_init");
    api->easy_setopt = (CURLcode (*)(CURL *, CURLoption, ...))dlsym(library, "curl_easy_setopt");
    api->easy_getinfo = (CURLcode (*)(CURL *, CURLINFO, ...))dlsym(library, "curl_easy_getinfo");
    api->easy_perform = (CURLcode (*)(CURL *))dlsym(library, "curl_easy_perform");
    api->easy_reset = (void (*)(CURL *))dlsym(library, "curl_easy_reset");
    api->easy_cleanup = (void (*)(CURL *))dlsym(library, "curl_easy_cleanup");
    api->easy_strerror = (const char *(*)(CURLcode))dlsym(library, "curl_easy_strerror");
    api->slist_append = (struct curl_slist *(*)(struct curl_slist *, const char *))dlsym(library, "curl_slist_append");
    api->slist_free_all = (void (*)(struct curl_slist *))dlsym(library, "curl_slist_free_all");
    return api->global_init && api->easy_init && api->easy_setopt && api->easy_getinfo && api->easy_perform
        && api->easy_reset && api->easy_cleanup && api->easy_strerror && api->slist_append && api->slist_free_all;
}

/// Loads libcurl on first use and returns its functions, or NULL when libcurl is missing or cannot
/// start. (The state lives inside this function: Swift emits a header's functions, not its
/// file-scope variables.)
static inline const struct gangwan_curl_api *gangwan_curl(void) {
    static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    static struct gangwan_curl_api api;
    static int state; // 0 not tried, 1 ready, 2 unavailable
    pthread_mutex_lock(&lock);
    if (state == 0) {
        void *library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
        state = library && gangwan_curl_load(library, &api) && api.global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 1 : 2;
    }
    pthread_mutex_unlock(&lock);
    return state == 1 ? &api : NULL;
}

/// The shape of CURLOPT_WRITEFUNCTION and CURLOPT_HEADERFUNCTION callbacks.
typedef size_t (*gangwan_curl_data_callback)(char *data, size_t size, size_t count, void *user_data);

// The wrappers below are called only with a handle from gangwan_curl_easy_init, which exists
// only when gangwan_curl() succeeded.

static inline CURL *gangwan_curl_easy_init(void) {
    const struct gangwan_curl_api *api = gangwan_curl();
    return api ? api->easy_init() : NULL;
}

static inline CURLcode gangwan_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    return gangwan_curl()->easy_setopt(handle, option, value);
}

static inline CURLcode gangwan_curl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return gangwan_curl()->easy_setopt(handle, option, value);
}

static inline CURLcode gangwan_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return gangwan_curl()->easy_setopt(handle, option, value);
}

static inline CURLcode gangwan_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return gangwan_curl()->easy_setopt(handle, option, value);
}

static inline CURLcode gangwan_curl_setopt_data_callback(CURL *handle, CURLoption option, gangwan_curl_data_callback value) {
    return gangwan_curl()->easy_setopt(handle, option, value);
}

static inline CURLcode gangwan_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return gangwan_curl()->easy_getinfo(handle, info, value);
}

static inline CURLcode gangwan_curl_easy_perform(CURL *handle) {
    return gangwan_curl()->easy_perform(handle);
}

static inline void gangwan_curl_easy_reset(CURL *handle) {
    gangwan_curl()->easy_reset(handle);
}

static inline void gangwan_curl_easy_cleanup(CURL *handle) {
    gangwan_curl()->easy_cleanup(handle);
}

static inline const char *gangwan_curl_easy_strerror(CURLcode code) {
    return gangwan_curl()->easy_strerror(code);
}

static inline struct curl_slist *gangwan_curl_slist_append(struct curl_slist *list, const char *line) {
    return gangwan_curl()->slist_append(list, line);
}

static inline void gangwan_curl_slist_free_all(struct curl_slist *list) {
    gangwan_curl()->slist_free_all(list);
}
