#!/usr/bin/env python
"""The course's reading budgets, checked: run from the repository root.

    python .ci/check_course.py                 # every notebook under nbs/ and README.md
    python .ci/check_course.py nbs/02_sds.ipynb  # only these
    python .ci/check_course.py --selftest      # each rule fires on a notebook broken on purpose

Rules (exit 1 and one line per violation):
- words:   a course notebook (00-19, 04b and the like, the exercises) has at most 2,000 words of prose; index.ipynb (the README) 900.
- lines:   a course notebook has no code cell over 25 lines.
- pictures: a course notebook shows at least one picture per 500 words of prose.
- voice:   no notebook or README talks about the project's history (issues, sessions, earlier commits, "the old grader").
- numbers: no markdown cell states a percentage or a time (ms, s, minutes); measured numbers are printed by code that
           reads them from data/results/. The assignment's fixed settings are allowed (ALLOWED below).
- links:   every relative link to a notebook or a file in markdown points to something that exists.
"""
import json, re, sys, tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_WORDS, MAX_INDEX_WORDS, MAX_LINES, WORDS_PER_PICTURE = 2000, 900, 25, 500
VOICE = re.compile(r"\b(issues? #?\d+|the lead|sessions?|old grader|targets? tables?|previous commit|earlier commit|"
                   r"our notes|the project's notes|this commit|last commit)\b", re.I)
NUMBER = re.compile(r"(?<![\w.])(\d+(?:[.,]\d+)*)\s*(%|\\%|ms\b|s\b|sec\b|seconds?\b|min\b|minutes?\b|hours?\b|h\b)")
# the assignment's own settings and plain facts of arithmetic, not measurements
ALLOWED = {'100%', '0%', '50%', '2%', '98%', '32%'}
LINK = re.compile(r"\]\(([^)\s]+)\)")

def is_course(name:str)->bool: return re.match(r'(0\d|1\d)[a-z]?_', name) is not None or 'exercises' in name

def prose(md:str)->str:
    "Markdown without code blocks, code spans, maths and html tags: what a reader reads as words."
    md = re.sub(r'```.*?```', ' ', md, flags=re.S)
    md = re.sub(r'`[^`]*`', ' ', md)
    md = re.sub(r'\$\$.*?\$\$', ' ', md, flags=re.S)
    md = re.sub(r'\$[^$]*\$', ' ', md)
    return re.sub(r'<[^>]+>', ' ', md)

def numbers(md:str)->list[str]:
    text = re.sub(r'```.*?```', ' ', md, flags=re.S)
    text = re.sub(r'`[^`]*`', ' ', text)
    text = re.sub(r'\]\([^)]*\)', ']', text)   # link targets are paths, not claims
    found = []
    for m in NUMBER.finditer(text):
        unit = m.group(2).replace('\\%', '%')
        s = f"{m.group(1)}{unit}" if unit == '%' else f"{m.group(1)} {unit}"
        if s not in ALLOWED: found.append(s)
    return found

def links(md:str, where:Path)->list[str]:
    bad = []
    for target in LINK.findall(md):
        if re.match(r'[a-z]+:', target) or target.startswith('#'): continue
        path = target.split('#')[0]
        base = ROOT if where.name in ('index.ipynb', 'README.md') else where.parent   # the README's links start at the root
        if path and not (base/path).exists(): bad.append(target)
    return bad

def check_markdown(md:str, where:Path, label:str)->list[str]:
    out = [f"{label}: voice: '{m.group(0)}' talks about the project, not the subject" for m in VOICE.finditer(md)]
    out += [f"{label}: numbers: '{n}' stated in prose; print it from a file under data/results/" for n in numbers(md)]
    out += [f"{label}: links: '{t}' does not exist" for t in links(md, where)]
    return out

def check_notebook(f:Path)->list[str]:
    cells = json.loads(f.read_text(encoding='utf-8'))['cells']
    src = lambda c: ''.join(c['source'])
    md = [src(c) for c in cells if c['cell_type'] == 'markdown']
    code = [(i, src(c)) for i, c in enumerate(cells) if c['cell_type'] == 'code']
    words = sum(len(prose(m).split()) for m in md)
    out = []
    for i, c in enumerate(cells):
        if c['cell_type'] == 'markdown': out += check_markdown(src(c), f, f"{f.name} cell {i}")
    for i, s in code:
        out += [f"{f.name} cell {i}: voice: '{m.group(0)}' talks about the project, not the subject" for m in VOICE.finditer(s)]
    if f.name == 'index.ipynb' and words > MAX_INDEX_WORDS:
        out.append(f"{f.name}: words: {words} words of prose, at most {MAX_INDEX_WORDS} (it is the README)")
    if is_course(f.name):
        if words > MAX_WORDS: out.append(f"{f.name}: words: {words} words of prose, at most {MAX_WORDS}")
        out += [f"{f.name} cell {i}: lines: {len(s.splitlines())} lines of code, at most {MAX_LINES}"
                for i, s in code if len(s.splitlines()) > MAX_LINES]
        pics = sum('image/png' in o.get('data', {}) or 'image/gif' in o.get('data', {}) or 'image/svg+xml' in o.get('data', {})
                   for c in cells if c['cell_type'] == 'code' for o in c.get('outputs', []))
        pics += sum(len(re.findall(r'!\[[^\]]*\]\(', m)) + m.count('<img ') for m in md)
        need = words // WORDS_PER_PICTURE
        if pics < need: out.append(f"{f.name}: pictures: {pics} for {words} words, at least {need} (one per {WORDS_PER_PICTURE})")
    return out

def check_readme(f:Path)->list[str]:
    "The generated README: its length, voice and links (its numbers are printed from data/results/ by index.ipynb's code)."
    text = f.read_text(encoding='utf-8')
    md = re.sub(r'```.*?```', ' ', text, flags=re.S)
    out = [f"{f.name}: voice: '{m.group(0)}' talks about the project, not the subject" for m in VOICE.finditer(md)]
    out += [f"{f.name}: links: '{t}' does not exist" for t in links(md, f)]
    words = len(prose(text).split())
    if words > MAX_INDEX_WORDS: out.append(f"{f.name}: words: {words} words of prose, at most {MAX_INDEX_WORDS}")
    return out

def check(paths:list[Path])->list[str]:
    out = []
    for p in paths: out += check_readme(p) if p.suffix == '.md' else check_notebook(p)
    return out

def all_paths()->list[Path]:
    nbs = sorted(p for p in (ROOT/'nbs').rglob('*.ipynb') if '.ipynb_checkpoints' not in p.parts and not p.name.startswith('_'))
    return nbs + ([ROOT/'README.md'] if (ROOT/'README.md').exists() else [])

def _nb(cells)->dict:
    return {'cells': cells, 'metadata': {}, 'nbformat': 4, 'nbformat_minor': 5}

def selftest():
    "Each rule must fire on a notebook broken on purpose, and stay silent on a good one."
    md = lambda s: {'cell_type': 'markdown', 'metadata': {}, 'source': s}
    code = lambda s, png=False: {'cell_type': 'code', 'metadata': {}, 'source': s, 'execution_count': None,
                                 'outputs': [{'output_type': 'display_data', 'metadata': {}, 'data': {'image/png': 'x'}}] if png else []}
    good = [md('# Good\n> a lesson'), md('The step is $x^t$ (see [00](00_a.ipynb)); guidance 7.5 and 500 steps.'),
            code('x = 1', png=True)]
    broken = {
        'words': [md('word ' * 2100), code('', png=True), code('', png=True), code('', png=True), code('', png=True)],
        'lines': good + [code('\n'.join(['x = 1'] * 26))],
        'pictures': [md('word ' * 1200), code('x = 1')],
        'voice': good + [md('As the previous commit showed, this is better.')],
        'numbers': good + [md('SDS reaches 86% accuracy in 12.5 ms per step.')],
        'links': good + [md('See [the missing one](07_nothing.ipynb).')],
    }
    with tempfile.TemporaryDirectory() as d:
        d = Path(d)
        (d/'00_a.ipynb').write_text(json.dumps(_nb(good)))
        assert check([d/'00_a.ipynb']) == [], check([d/'00_a.ipynb'])
        for rule, cells in broken.items():
            f = d/f'01_{rule}.ipynb'; f.write_text(json.dumps(_nb(cells)))
            found = check([f])
            assert any(f': {rule}:' in l for l in found), f"rule {rule!r} did not fire: {found}"
            assert all(f': {rule}:' in l for l in found), f"rule {rule!r} fired others too: {found}"
        idx = d/'index.ipynb'; idx.write_text(json.dumps(_nb([md('word ' * 950)])))
        assert any(': words:' in l for l in check([idx]))
        assert numbers('at 7.5 and 25, lr 0.1, 100%') == []
        assert numbers('took 3 min and 220 s, 4.2 ms, 12.5%') == ['3 min', '220 s', '4.2 ms', '12.5%']
    print(f'check_course selftest: {len(broken) + 1} rules fire on notebooks broken on purpose, none on a good one')

if __name__ == '__main__':
    args = [a for a in sys.argv[1:] if not a.startswith('--')]
    if '--selftest' in sys.argv: selftest(); sys.exit(0)
    paths = [Path(a).resolve() for a in args] or all_paths()
    problems = check(paths)
    for l in problems: print(l)
    print(f"check_course: {len(paths)} files, {len(problems)} problems")
    sys.exit(1 if problems else 0)
