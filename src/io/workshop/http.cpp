#include "io/workshop/http.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <ifaddrs.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "core/util/error.hpp"

namespace fluorosim::io {
namespace {

// A body bigger than this is no AttemptResult (one is ~700 bytes); GET /results of a whole
// workshop (hundreds of attempts) stays far below it.
constexpr std::size_t k_max_body = 64u << 20;
constexpr double k_server_read_timeout_s = 5.0;

struct Fd {
    int fd = -1;
    explicit Fd(int f) : fd(f) {}
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
};

std::string last_error() { return std::strerror(errno); }

// Waits until fd is readable (or writable); false on timeout.
bool wait_for(int fd, short events, double timeout_s) {
    pollfd p{fd, events, 0};
    int rc = 0;
    do rc = ::poll(&p, 1, int(timeout_s * 1000.0));
    while (rc < 0 && errno == EINTR);
    return rc > 0;
}

void send_all(int fd, const std::string& data, double timeout_s) {
    std::size_t sent = 0;
    while (sent < data.size()) {
        if (!wait_for(fd, POLLOUT, timeout_s)) throw NetworkError("timed out sending");
        const ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) throw NetworkError("connection lost while sending (" + last_error() + ")");
        sent += std::size_t(n);
    }
}

// Reads one HTTP message (start line, headers, Content-Length body) from fd.
// Returns {head, body}; throws NetworkError on timeout, close or a malformed message.
std::pair<std::string, std::string> read_message(int fd, double timeout_s, bool body_until_close) {
    std::string data;
    char buf[16384];
    std::size_t head_end = std::string::npos, length = 0;
    bool have_length = false;
    for (;;) {
        if (head_end == std::string::npos) {
            head_end = data.find("\r\n\r\n");
            if (head_end != std::string::npos) {
                std::string head = data.substr(0, head_end);
                for (char& c : head) c = char(std::tolower(static_cast<unsigned char>(c)));
                const auto at = head.find("\r\ncontent-length:");
                if (at != std::string::npos) {
                    length = std::strtoull(head.c_str() + at + 17, nullptr, 10);
                    have_length = true;
                    if (length > k_max_body) throw NetworkError("message too large");
                }
            } else if (data.size() > 65536) {
                throw NetworkError("headers too long");
            }
        }
        if (head_end != std::string::npos && (have_length || !body_until_close) &&
            data.size() >= head_end + 4 + length)
            break;
        if (!wait_for(fd, POLLIN, timeout_s)) throw NetworkError("timed out waiting for an answer");
        const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw NetworkError("connection lost (" + last_error() + ")");
        if (n == 0) {
            if (head_end != std::string::npos && body_until_close && !have_length) break;
            throw NetworkError("connection closed before the message was complete");
        }
        data.append(buf, std::size_t(n));
        if (data.size() > k_max_body + 65536) throw NetworkError("message too large");
    }
    const std::size_t body_size = have_length ? length : data.size() - head_end - 4;
    return {data.substr(0, head_end), data.substr(head_end + 4, body_size)};
}

const char* reason(int status) {
    switch (status) {
        case 200:
            return "OK";
        case 201:
            return "Created";
        case 400:
            return "Bad Request";
        case 404:
            return "Not Found";
        case 405:
            return "Method Not Allowed";
        default:
            return status < 500 ? "Client Error" : "Server Error";
    }
}

}  // namespace

Endpoint parse_endpoint(const std::string& text, const std::string& what) {
    const auto colon = text.rfind(':');
    Endpoint e;
    if (colon == std::string::npos || colon == 0)
        throw InputError({"", 0, what}, "expected HOST:PORT, got '" + text + "'");
    e.host = text.substr(0, colon);
    const std::string port = text.substr(colon + 1);
    char* end = nullptr;
    const long p = std::strtol(port.c_str(), &end, 10);
    if (port.empty() || *end != '\0' || p < 1 || p > 65535)
        throw InputError({"", 0, what},
                         "expected HOST:PORT with a port 1-65535, got '" + text + "'");
    e.port = int(p);
    return e;
}

HttpResponse http_request(const Endpoint& server, const HttpRequest& request, double timeout_s) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    const std::string port = std::to_string(server.port);
    if (const int rc = ::getaddrinfo(server.host.c_str(), port.c_str(), &hints, &found); rc != 0)
        throw NetworkError("cannot resolve '" + server.host + "' (" + gai_strerror(rc) + ")");
    std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> addresses(found, freeaddrinfo);
    std::string why = "no address";
    for (const addrinfo* a = found; a; a = a->ai_next) {
        Fd s(::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol));
        if (s.fd < 0) continue;
        // Non-blocking connect bounded by the timeout: an unplugged cable must not hang the app.
        if (::connect(s.fd, a->ai_addr, a->ai_addrlen) != 0) {
            if (errno != EINPROGRESS) {
                why = last_error();
                continue;
            }
            if (!wait_for(s.fd, POLLOUT, timeout_s)) {
                why = "timed out connecting";
                continue;
            }
            int err = 0;
            socklen_t len = sizeof err;
            ::getsockopt(s.fd, SOL_SOCKET, SO_ERROR, &err, &len);
            if (err != 0) {
                why = std::strerror(err);
                continue;
            }
        }
        try {
            send_all(s.fd,
                     request.method + " " + request.path + " HTTP/1.1\r\nHost: " + server.text() +
                         "\r\nContent-Type: application/json\r\nContent-Length: " +
                         std::to_string(request.body.size()) + "\r\nConnection: close\r\n\r\n" +
                         request.body,
                     timeout_s);
            const auto [head, body] = read_message(s.fd, timeout_s, true);
            HttpResponse r;
            if (std::sscanf(head.c_str(), "HTTP/1.%*d %d", &r.status) != 1)
                throw NetworkError("not an HTTP answer");
            r.body = body;
            return r;
        } catch (const NetworkError& e) {
            throw NetworkError(server.text() + ": " + e.what());
        }
    }
    throw NetworkError(server.text() + ": cannot connect (" + why + ")");
}

std::vector<std::string> local_ipv4_addresses() {
    std::vector<std::string> out;
    ifaddrs* list = nullptr;
    if (::getifaddrs(&list) != 0) return out;
    for (const ifaddrs* i = list; i; i = i->ifa_next) {
        if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET) continue;
        char text[INET_ADDRSTRLEN] = {};
        const auto* in = reinterpret_cast<const sockaddr_in*>(i->ifa_addr);
        ::inet_ntop(AF_INET, &in->sin_addr, text, sizeof text);
        if (std::string(text).rfind("127.", 0) != 0) out.push_back(text);
    }
    ::freeifaddrs(list);
    return out;
}

HttpServer::HttpServer(const std::string& bind_address, int port) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(std::uint16_t(port));
    if (::inet_pton(AF_INET, bind_address.c_str(), &addr.sin_addr) != 1)
        throw NetworkError("cannot listen on '" + bind_address +
                           "': expected an IPv4 address such as 0.0.0.0 or 127.0.0.1");
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0) throw NetworkError("cannot create a socket (" + last_error() + ")");
    // A restarted service takes its port back at once, even while the old connections linger
    // in TIME_WAIT.
    const int one = 1;
    ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (::bind(fd_, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0 ||
        ::listen(fd_, 64) != 0) {
        const std::string why = last_error();
        ::close(fd_);
        throw NetworkError("cannot listen on " + bind_address + ":" + std::to_string(port) + " (" +
                           why + ")");
    }
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
}

HttpServer::~HttpServer() {
    if (fd_ >= 0) ::close(fd_);
}

void HttpServer::serve(const std::function<HttpResponse(const HttpRequest&)>& handler,
                       const std::atomic<bool>& stop) {
    while (!stop) {
        if (!wait_for(fd_, POLLIN, 0.2)) continue;
        Fd client(::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC));
        if (client.fd < 0) continue;
        HttpResponse response;
        try {
            const auto [head, body] = read_message(client.fd, k_server_read_timeout_s, false);
            HttpRequest request;
            char method[16] = {}, path[1024] = {};
            if (std::sscanf(head.c_str(), "%15s %1023s HTTP/1.", method, path) != 2) {
                response = {400, "{\"error\":\"malformed request line\"}"};
            } else {
                request.method = method;
                request.path = path;
                request.body = body;
                response = handler(request);
            }
        } catch (const NetworkError&) {
            continue;  // the client went away or stalled; nothing to answer
        }
        try {
            send_all(client.fd,
                     "HTTP/1.1 " + std::to_string(response.status) + " " + reason(response.status) +
                         "\r\nContent-Type: application/json\r\nContent-Length: " +
                         std::to_string(response.body.size()) + "\r\nConnection: close\r\n\r\n" +
                         response.body,
                     k_server_read_timeout_s);
        } catch (const NetworkError&) {
        }
    }
}

}  // namespace fluorosim::io
