#!/usr/bin/env python3
"""docs_check.py - the man pages say what the program's tables say.

Reads the tables from the binary itself (--list-actions, --list-colors, --list-options,
--list-commands when it exists, --help) and checks each entry against man/newsread.1,
man/newsread-config.5 and README.md as a person reads them (man source lines, with the
roff escapes a page writer uses). Prints one line per mismatch; exit 1 on any, and also
when a table comes out empty, so a broken flag cannot pass by checking nothing.
Usage: docs_check.py NEWSREAD ROOT
"""
import re
import subprocess
import sys

nr, root = sys.argv[1], sys.argv[2]
bad = []
checked = 0


def run(*args):
    p = subprocess.run([nr] + list(args), capture_output=True, text=True)
    if p.returncode != 0:
        bad.append("newsread %s: exit %d: %s" % (" ".join(args), p.returncode, p.stderr.strip()))
        return []
    return [l.split("\t") for l in p.stdout.splitlines() if l]


def roff(s):
    return s.replace("\\", "\\e").replace("-", "\\-")


def sentence(help_text):
    return help_text[:1].upper() + help_text[1:]


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read().splitlines()


man1 = read(root + "/man/newsread.1")
man5 = read(root + "/man/newsread-config.5")
readme = "\n".join(read(root + "/README.md"))


def expect(cond, what):
    global checked
    checked += 1
    if not cond:
        bad.append(what)


# actions: ".BR "KEY, KEY" " (NAME)"" then the help as a sentence on the next line
actions = run("--list-actions")
expect(len(actions) > 10, "--list-actions printed %d actions" % len(actions))
for f in actions:
    if len(f) != 4:
        bad.append("--list-actions: not 4 fields: %r" % f)
        continue
    name, cx, keys, hlp = f
    expect(cx == "any" or all(c in ("tree", "list", "article", "sources", "help") for c in cx.split(",")),
           "action %s: contexts %r" % (name, cx))
    head = '.BR "%s" " (%s)"' % (roff(", ".join(keys.split())), roff(name))
    if head not in man1:
        bad.append("newsread.1 lacks the line %s" % head)
        continue
    i = man1.index(head)
    expect(i + 1 < len(man1) and man1[i + 1].startswith(roff(sentence(hlp)) + "."),
           "newsread.1: action %s is not explained as %r" % (name, sentence(hlp)))

# theme elements: ".B name" then "Help (default: FG BG ATTR)."
colors = run("--list-colors")
expect(len(colors) > 10, "--list-colors printed %d elements" % len(colors))
for f in colors:
    if len(f) != 3:
        bad.append("--list-colors: not 3 fields: %r" % f)
        continue
    name, dflt, hlp = f
    head = ".B " + roff(name)
    want = "%s (default: %s)." % (roff(sentence(hlp)), roff(dflt))
    expect(head in man5 and man5.index(head) + 1 < len(man5) and man5[man5.index(head) + 1] == want,
           "newsread-config.5: element %s is not '%s' / '%s'" % (name, head, want))

# options: ".BR name " in newsread-config.5, and named in the README
opts = [l.split()[0] for l in subprocess.run([nr, "--list-options"], capture_output=True,
                                              text=True).stdout.splitlines() if l.strip()]
expect(len(opts) > 5, "--list-options printed %d options" % len(opts))
for o in opts:
    expect(any(l.startswith(".BR %s " % roff(o)) for l in man5), "newsread-config.5 lacks option %s" % o)

# commands (when the binary has --list-commands): ".BI name ..." in newsread-config.5
p = subprocess.run([nr, "--list-commands"], capture_output=True, text=True)
if p.returncode == 0:
    cmds = [l.split("\t") for l in p.stdout.splitlines() if l]
    expect(len(cmds) >= 4, "--list-commands printed %d commands" % len(cmds))
    for f in cmds:
        expect(any(re.match(r"\.BI? %s( |$)" % re.escape(roff(f[0])), l) for l in man5),
               "newsread-config.5 lacks command %s" % f[0])

# flags of --help: in newsread.1 and the README
helptext = subprocess.run([nr, "--help"], capture_output=True, text=True).stdout
flags = sorted(set(re.findall(r"(?<![\w-])(--[a-z][a-z-]*)", helptext)))
expect(len(flags) > 8, "--help names %d flags" % len(flags))
for fl in flags:
    expect(any(roff(fl) in l for l in man1), "newsread.1 lacks %s" % fl)
    expect(fl in readme, "README lacks %s" % fl)

for b in bad:
    print(b)
print("%d checks, %d mismatches" % (checked, len(bad)))
sys.exit(1 if bad else 0)
