#include <curl/curl.h>

// Swift cannot call C variadic functions, so each kind of value curl_easy_setopt and
// curl_easy_getinfo take gets one typed wrapper here. Nothing else belongs in this header.

/// The shape of CURLOPT_WRITEFUNCTION and CURLOPT_HEADERFUNCTION callbacks.
typedef size_t (*gangwan_curl_data_callback)(char *data, size_t size, size_t count, void *user_data);

static inline CURLcode gangwan_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode gangwan_curl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode gangwan_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode gangwan_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode gangwan_curl_setopt_data_callback(CURL *handle, CURLoption option, gangwan_curl_data_callback value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode gangwan_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}
