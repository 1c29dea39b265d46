#!/usr/bin/env python3
"""A small HTTP server for the end-to-end tests, on 127.0.0.1 and a free port.

Serves files from DIR. Extras that real sites do:
  /redirect/PATH   302 to /PATH
  /gzip/PATH       PATH gzip-compressed (Content-Encoding: gzip)
  /status/NNN      answers with that status
  /slow/PATH       waits 1 s first
  /stats           the most requests that were in flight at once (for politeness tests)
  /chain/N/PATH    N redirects (301 and 302 in turn) before PATH
  /loop/X          /loop/a -> /loop/b -> /loop/a ... (a redirect loop)
  /to?url=URL      302 to URL, whatever it is
  /big/N           N bytes of text, chunked (no Content-Length); /bigdecl/N only declares N
  /stall/PATH      headers and half the body of PATH, then nothing for 60 s
  /reset/PATH      the connection reset (RST) once the request is read
  a file NAME may have NAME.headers beside it: "Header: value" lines sent with it.
Query parameters on a file (several may be combined):
  etag=1        ETag and Last-Modified sent; If-None-Match / If-Modified-Since answered 304
  fail=N&code=C the first N requests of this URL answer C; ra=S adds Retry-After: S
  delay=S       wait S seconds first;  trickle=S  send the body in pieces over S seconds
  chunked=1     Transfer-Encoding: chunked;  ctype=T  Content-Type T instead
The log (stderr) has one line per request: the path, then " inm=VALUE" and " ims=VALUE"
when the request carried If-None-Match or If-Modified-Since.
Writes the port to PORTFILE. Stops by itself after 10 minutes."""
import email.utils, gzip, hashlib, http.server, os, socket, socketserver, struct, sys, threading, time
import urllib.parse

root, portfile = sys.argv[1], sys.argv[2]

lock = threading.Lock()
inflight = 0
max_inflight = 0
hits = {}  # URL -> requests seen (for fail=N)

class H(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    disable_nagle_algorithm = True  # headers and body go out at once: no 40 ms delayed-ACK stall per response

    def log_message(self, *a):
        pass

    def log_request_line(self):
        line = self.path
        for h, k in (('If-None-Match', 'inm'), ('If-Modified-Since', 'ims')):
            if self.headers.get(h):
                line += ' %s=%s' % (k, self.headers.get(h))
        sys.stderr.write(line + '\n')
        sys.stderr.flush()

    def send_file(self, path, compress=False, q=None, stall=False):
        q = q or {}
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
        if 'ctype' in q:
            headers['Content-Type'] = q['ctype']
        if 'etag' in q:
            mtime = int(os.path.getmtime(full))
            tag = '"%s"' % hashlib.sha1(data).hexdigest()[:16]
            lm = email.utils.formatdate(mtime, usegmt=True)
            inm, ims = self.headers.get('If-None-Match'), self.headers.get('If-Modified-Since')
            fresh = inm == tag if inm else bool(ims) and email.utils.parsedate_to_datetime(ims).timestamp() >= mtime
            if fresh:
                self.send_response(304)
                self.send_header('ETag', tag)
                self.end_headers()
                return
            headers['ETag'] = tag
            headers['Last-Modified'] = lm
        if compress:
            data = gzip.compress(data)
            headers['Content-Encoding'] = 'gzip'
        self.send_response(200)
        for k, v in headers.items():
            self.send_header(k, v)
        if 'chunked' in q:
            self.send_header('Transfer-Encoding', 'chunked')
            self.end_headers()
            for i in range(0, len(data), 100):
                self.write_chunk(data[i:i + 100])
            self.write_chunk(b'')
            return
        self.send_header('Content-Length', str(len(data)))
        self.end_headers()
        if stall:
            self.wfile.write(data[:len(data) // 2])
            self.wfile.flush()
            time.sleep(60)
            return
        if 'trickle' in q:
            pieces = 10
            step = max(1, len(data) // pieces + 1)
            for i in range(0, len(data), step):
                self.wfile.write(data[i:i + step])
                self.wfile.flush()
                time.sleep(float(q['trickle']) / pieces)
            return
        self.wfile.write(data)

    def write_chunk(self, b):
        self.wfile.write(b'%x\r\n%s\r\n' % (len(b), b))
        self.wfile.flush()

    def redirect(self, code, to):
        self.send_response(code)
        self.send_header('Location', to)
        self.send_header('Content-Length', '0')
        self.end_headers()

    def do_GET(self):
        global inflight, max_inflight
        self.log_request_line()
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
        q = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(self.path).query))
        with lock:
            hits[self.path] = hits.get(self.path, 0) + 1
            nth = hits[self.path]
        if 'delay' in q:
            time.sleep(float(q['delay']))
        if 'fail' in q and nth <= int(q['fail']):
            code = int(q.get('code', '500'))
            self.send_response(code)
            if 'ra' in q:
                self.send_header('Retry-After', q['ra'])
            self.send_header('Content-Length', '0')
            self.end_headers()
            return
        if p.startswith('/redirect/'):
            self.redirect(302, p[len('/redirect'):])
        elif p.startswith('/chain/'):
            n, rest = p[len('/chain/'):].split('/', 1)
            n = int(n)
            self.redirect(301 if n % 2 else 302, '/chain/%d/%s' % (n - 1, rest) if n > 1 else '/' + rest)
        elif p == '/to':
            self.redirect(302, q['url'])
        elif p.startswith('/loop/'):
            self.redirect(302, '/loop/b' if p == '/loop/a' else '/loop/a')
        elif p.startswith('/big/') or p.startswith('/bigdecl/'):
            n = int(p.split('/')[2])
            self.send_response(200)
            self.send_header('Content-Type', 'text/plain')
            if p.startswith('/bigdecl/'):
                self.send_header('Content-Length', str(n))
                self.end_headers()
                return
            self.send_header('Transfer-Encoding', 'chunked')
            self.end_headers()
            block = b'x' * 65536
            try:
                while n > 0:
                    self.write_chunk(block[:n])
                    n -= len(block)
                self.write_chunk(b'')
            except OSError:
                pass
        elif p.startswith('/stall/'):
            self.send_file(p[len('/stall'):], q=q, stall=True)
        elif p.startswith('/reset/'):
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
            self.connection.close()
            self.close_connection = True
        elif p.startswith('/gzip/'):
            self.send_file(p[len('/gzip'):], compress=True, q=q)
        elif p.startswith('/status/'):
            self.send_error(int(p.split('/')[2]))
        elif p.startswith('/slow/'):
            time.sleep(1)
            self.send_file(p[len('/slow'):], q=q)
        else:
            self.send_file(p, q=q)

class S(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a client that gave up, or a connection reset on purpose

srv = S(('127.0.0.1', 0), H)
with open(portfile + '.tmp', 'w') as f:
    f.write(str(srv.server_address[1]))
os.rename(portfile + '.tmp', portfile)
threading.Timer(600, srv.shutdown).start()
srv.serve_forever()
