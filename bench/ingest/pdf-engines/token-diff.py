"""Which words two page dumps (bench/ingest/pdf-parse-dump.ts) spell differently, and each one's document word F1
against pdftotext (poppler-utils), over the arXiv papers (the real set):
python3 bench/ingest/pdf-engines/token-diff.py before.json after.json [pdf dir]  (decision 0144)"""
import collections, difflib, json, os, subprocess, sys
a = json.load(open(sys.argv[1])); b = json.load(open(sys.argv[2]))
root = sys.argv[3] if len(sys.argv) > 3 else '../shared/datasets/documents/pdf'
def f1(x, y):
    cx, cy = collections.Counter(x), collections.Counter(y)
    inter = sum((cx & cy).values())
    return 2 * inter / (sum(cx.values()) + sum(cy.values())) if (cx or cy) else 1.0
pages = lambda d, f: d[f]['pages'] if isinstance(d[f], dict) and 'pages' in d[f] else []
pairs = collections.Counter(); changed_pages = changed_words = 0; fa = []; fb = []
for f in sorted(a):
    pa, pb = pages(a, f), pages(b, f)
    for x, y in zip(pa, pb):
        if x == y: continue
        changed_pages += 1
        wx, wy = x.split(), y.split()
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, wx, wy, autojunk=False).get_opcodes():
            if op != 'equal':
                changed_words += i2 - i1
                pairs[(' '.join(wx[i1:i2]), ' '.join(wy[j1:j2]))] += 1
    if f.startswith('arxiv-'):
        cache = f'/tmp/pdftotext-{f}.txt'
        if not os.path.exists(cache): subprocess.run(['pdftotext', '-enc', 'UTF-8', os.path.join(root, f), cache], check=True)
        ref = open(cache, encoding='utf-8').read().split()
        fa.append(f1(' '.join(pa).split(), ref)); fb.append(f1(' '.join(pb).split(), ref))
print(f'pages changed {changed_pages}; words of the first dump changed {changed_words}; distinct before→after pairs {len(pairs)}')
for (x, y), n in pairs.most_common(int(os.environ.get('TOP', '40'))): print(f'{n:4d}  {x!r} → {y!r}')
if fa: print(f'document word F1 vs pdftotext over {len(fa)} arXiv papers: {sum(fa)/len(fa):.4f} → {sum(fb)/len(fb):.4f}')
