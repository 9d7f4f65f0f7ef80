#!/usr/bin/env python3
"""po-fill.py POT PO TRANSLATIONS.py...: writes PO from POT, each message's
msgstr taken from the T dict of the translation files (msgid -> msgstr),
or kept from the PO already there. Lists the messages still untranslated
on stderr. A translator's tool for filling many messages at once; `make
po-update` and an editor do the same one by one."""
import re, sys

def unquote(lines):
    out = ""
    for l in lines:
        l = l.strip()
        if not l.startswith('"'):
            continue
        s = l[1:-1]
        out += re.sub(r'\\(.)', lambda m: {'n': '\n', 't': '\t', '"': '"', '\\': '\\'}.get(m.group(1), '\\' + m.group(1)), s)
    return out

def quote(s):
    if not s:
        return '""'
    esc = s.replace('\\', '\\\\').replace('"', '\\"').replace('\t', '\\t')
    parts = esc.split('\n')
    lines = [p + '\\n' for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
    if len(lines) == 1:
        return '"' + lines[0] + '"'
    return '""\n' + '\n'.join('"' + l + '"' for l in lines)

def entries(path):
    """(comments, msgid, msgstr) of each entry of a po/pot file."""
    text = open(path, encoding='utf-8').read()
    for block in re.split(r'\n\s*\n', text.strip()):
        lines = block.split('\n')
        if not any(l.startswith('msgid') for l in lines):
            continue
        comments = [l for l in lines if l.startswith('#')]
        body = [l for l in lines if not l.startswith('#')]
        i = next(k for k, l in enumerate(body) if l.startswith('msgstr'))
        msgid = unquote([body[0][5:]] + body[1:i])
        msgstr = unquote([body[i][6:]] + body[i + 1:])
        yield comments, msgid, msgstr

pot, po, trans = sys.argv[1], sys.argv[2], sys.argv[3:]
T = {}
for f in trans:
    ns = {}
    exec(open(f, encoding='utf-8').read(), ns)
    T.update(ns['T'])
old = {}
try:
    old = {m: s for c, m, s in entries(po) if m and s and not any('fuzzy' in x for x in c)}
except FileNotFoundError:
    pass
header = open(po, encoding='utf-8').read().split('\n\n')[0]
out, missing = [header], []
for comments, msgid, _ in entries(pot):
    if not msgid:
        continue
    s = T.get(msgid) or old.get(msgid, '')
    if not s:
        missing.append(msgid.split('\n')[0])
    flags = [c for c in comments if c.startswith('#,') and 'fuzzy' not in c]
    refs = [c for c in comments if c.startswith('#.') or c.startswith('#:')]
    out.append('\n'.join(refs + flags + ['msgid ' + quote(msgid), 'msgstr ' + quote(s)]))
open(po, 'w', encoding='utf-8').write('\n\n'.join(out) + '\n')
for m in missing:
    print('untranslated:', m, file=sys.stderr)
