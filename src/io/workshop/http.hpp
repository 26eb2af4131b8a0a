#pragma once
// Just enough HTTP/1.1 over POSIX sockets for the workshop results service: one request per
// connection (Connection: close), bodies sized by Content-Length, no chunking, no TLS. It runs
// on a workshop's local network between the instructor's machine and the stations.
#include <atomic>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace fluorosim::io {

// The server could not be reached or did not answer in time: not bad input, a state of the
// network that a later retry may not meet.
class NetworkError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct Endpoint {
    std::string host;
    int port = 0;
    std::string text() const { return host + ":" + std::to_string(port); }
};
// "HOST:PORT" (port 1-65535); throws InputError naming `what` (e.g. "--server").
Endpoint parse_endpoint(const std::string& text, const std::string& what);

struct HttpRequest {
    std::string method;  // "GET", "POST"
    std::string path;    // "/results"
    std::string body;
};

struct HttpResponse {
    int status = 0;
    std::string body;  // JSON
    bool ok() const { return status >= 200 && status < 300; }
};

// Sends one request and reads the whole answer. Throws NetworkError when the server cannot be
// reached or does not answer within `timeout_s` (connect and each read/write).
HttpResponse http_request(const Endpoint& server, const HttpRequest& request, double timeout_s);

// This machine's IPv4 addresses other than loopback ("192.168.1.10"), for telling stations
// where the service is.
std::vector<std::string> local_ipv4_addresses();

// Listens on bind_address:port (port 0: any free port, see port()).
class HttpServer {
  public:
    HttpServer(const std::string& bind_address, int port);  // throws NetworkError
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    int port() const { return port_; }
    // Answers requests one at a time until `stop` becomes true (checked at least every 0.2 s).
    // A client that stalls mid-request is dropped after 5 s so it cannot hold up the others.
    void serve(const std::function<HttpResponse(const HttpRequest&)>& handler,
               const std::atomic<bool>& stop);

  private:
    int fd_ = -1;
    int port_ = 0;
};

}  // namespace fluorosim::io
