import json, sys, difflib, collections, glob, os
a = json.load(open(sys.argv[1])); b = json.load(open(sys.argv[2]))
def words(t): return t.split()
def f1(x, y):
    cx, cy = collections.Counter(x), collections.Counter(y)
    inter = sum((cx & cy).values()); 
    return 2*inter/(sum(cx.values())+sum(cy.values())) if (cx or cy) else 1.0
tot_pages = same = 0; F = []; S = []
for f in sorted(a):
    pa = a[f]['pages'] if isinstance(a[f], dict) else a[f]; pb = b[f]['pages'] if isinstance(b[f], dict) else b[f]
    fs, ss, eq = [], [], 0
    for x, y in zip(pa, pb):
        tot_pages += 1; eq += x == y
        wx, wy = words(x), words(y)
        fs.append(f1(wx, wy)); ss.append(difflib.SequenceMatcher(None, wx, wy, autojunk=False).ratio())
    same += eq; F += fs; S += ss
    print(f"{f[:40]:40s} pages {len(pa)}/{len(pb)} identical {eq:3d} wordF1 {sum(fs)/len(fs):.4f} orderRatio {sum(ss)/len(ss):.4f}")
print(f"ALL pages {tot_pages} identical {same} wordF1 {sum(F)/len(F):.4f} orderRatio {sum(S)/len(S):.4f}")
