#!/usr/bin/env python3
"""Run newsread in a pseudo-terminal that answers the cursor-position query like a
terminal drawing ambiguous-width characters ANSWER cells wide ('wide', 'narrow' or
'silent'), then quit with q. Prints what newsread wrote (decoded) and exits with its
status."""
import os, pty, select, sys, time

mode, argv = sys.argv[1], sys.argv[2:]
pid, fd = pty.fork()
if pid == 0:
    os.environ['TERM'] = 'xterm-256color'
    os.execv(argv[0], argv)
out = b''
answered = False
deadline = time.time() + 5
quit_at = None
while time.time() < deadline:
    r, _, _ = select.select([fd], [], [], 0.1)
    if r:
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        out += data
        if not answered and b'\x1b[6n' in out:
            answered = True
            if mode == 'wide':
                os.write(fd, b'\x1b[1;3R')   # the cursor moved two cells
            elif mode == 'narrow':
                os.write(fd, b'\x1b[1;2R')
            # silent: no answer at all
    # once the screen is up (or after 1.5 s for a silent terminal) give it a second, then q
    if quit_at is None and (b'\x1b[?1049h' in out or time.time() > deadline - 3.5):
        quit_at = time.time() + 1.0
    if quit_at and time.time() > quit_at:
        os.write(fd, b'q')
        quit_at = float('inf')
_, status = os.waitpid(pid, 0)
sys.stdout.write(out.decode('utf-8', 'replace'))
sys.exit(os.waitstatus_to_exitcode(status))
