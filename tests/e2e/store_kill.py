#!/usr/bin/env python3
"""store_kill.py - read marks survive SIGKILL, and so does the store.

Run by store_kill.sh, which serves FEED_URL (a feed of many items) and exports NR, TM
(the tmux command), XDG_* and DB. Two kinds of kills at random moments:

  marking   the interface in tmux over the stored feed: keys that open articles one after
            another (each open is a read mark, written at once); the screen is captured,
            then newsread is killed with SIGKILL. Every article the capture shows as read
            must be marked in the store: the list draws a mark only after it is written.
  reload    `newsread -x reload` of the feed, killed with SIGKILL part way.

After every kill the file must open, PRAGMA integrity_check must say ok, and every mark
seen so far must still be there. Prints TAP-like lines as the other e2e tests; exit 1 on
any failure."""
import os
import random
import re
import sqlite3
import subprocess
import sys
import time

NR, TM, DB, URL = os.environ["NR"], os.environ["TM"].split(), os.environ["DB"], os.environ["FEED_URL"]
MARK_KILLS = int(os.environ.get("MARK_KILLS", "40"))
RELOAD_KILLS = int(os.environ.get("RELOAD_KILLS", "70"))
random.seed(int(os.environ.get("SEED", str(int(time.time())))))
fails = 0
checks = 0


def check(ok, what):
    global fails, checks
    checks += 1
    if not ok:
        fails += 1
    print(("ok - " if ok else "FAIL - ") + what, flush=True)
    return ok


def tmux(*args):
    return subprocess.run(TM + list(args), capture_output=True, text=True).stdout


def store_state():
    """(integrity_check result, set of read guids); opening it recovers what was left."""
    c = sqlite3.connect(DB, timeout=10)
    try:
        ic = c.execute("pragma integrity_check").fetchone()[0]
        marks = {r[0] for r in c.execute("select guid from marks where read_at is not null")}
        return ic, marks
    finally:
        c.close()


seen = set()      # guids shown read on a captured screen: written before the kill
problems = []


def after_kill(what):
    ic, marks = store_state()
    if ic != "ok":
        problems.append("%s: integrity_check says %s" % (what, ic))
    lost = seen - marks
    if lost:
        problems.append("%s: marks lost: %s" % (what, sorted(lost)[:5]))


# a whole row: a capture taken while newsread redraws can hold a row half drawn ("Item 0"
# cut short, or an old flag beside a new title), so a row counts only when its title is
# complete and the same row stands in two captures taken one after the other
ROW = re.compile(r"^ ( |N) \d{4}-\d\d-\d\d \d\d:\d\d  Item (\d{4}) of the kill test")


def marking_round(i):
    env = "env LANG=C.UTF-8 TERM=xterm-256color XDG_CONFIG_HOME='%s' XDG_DATA_HOME='%s'" % (
        os.environ["XDG_CONFIG_HOME"], os.environ["XDG_DATA_HOME"])
    tmux("kill-server")
    tmux("new-session", "-d", "-s", "k", "-x", "80", "-y", "24", "exec %s %s --offline" % (env, NR))
    pid = tmux("display", "-p", "-t", "k", "#{pane_pid}").strip()
    deadline = time.time() + 5
    while time.time() < deadline and "Item " not in tmux("capture-pane", "-p", "-t", "k"):
        time.sleep(0.02)
    # down to a page of its own (22 rows a page), then open, back, down, ... in batches,
    # so that the kill comes while newsread is still opening (and marking) articles
    tmux("send-keys", "-t", "k", *(["Space"] * (i % 80)))
    for _ in range(random.randint(1, 8)):
        tmux("send-keys", "-t", "k", *(["Enter", "q", "j"] * 3))
    time.sleep(random.choice([0, 0, 0.001, 0.003, 0.01]))
    screen = tmux("capture-pane", "-p", "-t", "k")
    again = tmux("capture-pane", "-p", "-t", "k")
    try:
        os.kill(int(pid), 9)
    except (ValueError, ProcessLookupError):
        pass
    shown = 0
    for line, line2 in zip(screen.splitlines(), again.splitlines()):
        m = ROW.match(line) if line == line2 else None
        if m and m.group(1) == " ":
            seen.add("item-%s" % m.group(2))
            shown += 1
    after_kill("marking kill %d" % i)
    return shown


def reload_round(i, dur):
    p = subprocess.Popen([NR, "-x", "reload"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(random.uniform(0.0, dur * 1.2))
    p.kill()
    p.wait()
    after_kill("reload kill %d" % i)


t0 = time.time()
r = subprocess.run([NR, "-x", "reload", "print-unread"], capture_output=True, text=True)
dur = time.time() - t0
check(r.returncode == 0 and r.stdout.strip().isdigit() and int(r.stdout) > 1000,
      "first reload stores the feed (%s, %.2f s)" % (r.stdout.strip() or r.stderr.strip(), dur))

shown = sum(marking_round(i) for i in range(MARK_KILLS))
tmux("kill-server")
check(len(seen) > 20, "%d kills while marking: %d read rows seen on the screens" % (MARK_KILLS, len(seen)))
for i in range(RELOAD_KILLS):
    reload_round(i, dur)
check(not problems, "%d kills during reload and %d while marking: store intact, every mark seen kept%s"
      % (RELOAD_KILLS, MARK_KILLS, "" if not problems else ": " + "; ".join(problems[:5])))
ic, marks = store_state()
check(ic == "ok" and seen <= marks, "at the end: integrity ok, %d marks, all %d seen kept" % (len(marks), len(seen)))
r = subprocess.run([NR, "-x", "reload", "print-unread"], capture_output=True, text=True)
check(r.returncode == 0 and r.stdout.strip().isdigit(), "a reload after all the kills works (%s)" % r.stdout.strip())
print("%d passed, %d failed" % (checks - fails, fails))
sys.exit(1 if fails else 0)
