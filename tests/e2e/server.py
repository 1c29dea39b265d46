#!/usr/bin/env python3
"""A small HTTP server for the end-to-end tests, on 127.0.0.1 and a free port.

Serves files from DIR. Extras that real sites do:
  /redirect/PATH   302 to /PATH
  /gzip/PATH       PATH gzip-compressed (Content-Encoding: gzip)
  /status/NNN      answers with that status
  /slow/PATH       waits 1 s first
  /stats           the most requests that were in flight at once (for politeness tests)
  a file NAME may have NAME.headers beside it: "Header: value" lines sent with it.
Writes the port to PORTFILE. Stops by itself after 10 minutes."""
import gzip, http.server, os, socketserver, sys, threading, time

root, portfile = sys.argv[1], sys.argv[2]

lock = threading.Lock()
inflight = 0
max_inflight = 0

class H(http.server.BaseHTTPRequestHandler):
    def log_message(self, *a):
        sys.stderr.write("%s\n" % self.path)

    def send_file(self, path, compress=False):
        full = os.path.join(root, path.lstrip('/'))
        if not os.path.isfile(full):
            self.send_error(404)
            return
        data = open(full, 'rb').read()
        headers = {}
        if os.path.exists(full + '.headers'):
            for line in open(full + '.headers', encoding='utf-8'):
                if ':' in line:
                    k, v = line.split(':', 1)
                    headers[k.strip()] = v.strip()
        if 'Content-Type' not in headers:
            ext = os.path.splitext(full)[1]
            headers['Content-Type'] = {'.xml': 'application/xml', '.rss': 'application/rss+xml',
                                       '.atom': 'application/atom+xml', '.json': 'application/feed+json',
                                       '.html': 'text/html', '.md': 'text/markdown; charset=utf-8'}.get(ext, 'text/plain')
        if compress:
            data = gzip.compress(data)
            headers['Content-Encoding'] = 'gzip'
        self.send_response(200)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header('Content-Length', str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        global inflight, max_inflight
        p = self.path.split('?')[0]
        if p == '/stats':
            body = str(max_inflight).encode()
            self.send_response(200)
            self.send_header('Content-Type', 'text/plain')
            self.send_header('Content-Length', str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        with lock:
            inflight += 1
            max_inflight = max(max_inflight, inflight)
        self.counted = True
        try:
            self.route(p)
        finally:
            self.uncount()

    # A request stops counting as in flight when its response starts: once the client has
    # the whole response it may open its next connection before this thread has run on,
    # and counting both would see 3 at once from a client that never had more than 2.
    def end_headers(self):
        self.uncount()
        super().end_headers()

    def uncount(self):
        global inflight
        if getattr(self, 'counted', False):
            self.counted = False
            with lock:
                inflight -= 1

    def route(self, p):
        if p.startswith('/redirect/'):
            self.send_response(302)
            self.send_header('Location', p[len('/redirect'):])
            self.send_header('Content-Length', '0')
            self.end_headers()
        elif p.startswith('/gzip/'):
            self.send_file(p[len('/gzip'):], compress=True)
        elif p.startswith('/status/'):
            self.send_error(int(p.split('/')[2]))
        elif p.startswith('/slow/'):
            time.sleep(1)
            self.send_file(p[len('/slow'):])
        else:
            self.send_file(p)

class S(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True

srv = S(('127.0.0.1', 0), H)
with open(portfile + '.tmp', 'w') as f:
    f.write(str(srv.server_address[1]))
os.rename(portfile + '.tmp', portfile)
threading.Timer(600, srv.shutdown).start()
srv.serve_forever()
