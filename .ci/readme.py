#!/usr/bin/env python
"""Make README.md from nbs/index.ipynb (nbdev_readme needs quarto, which we don't use).

Cells marked `#| hide` are dropped, `#|` directive lines are removed from code cells, and
only text outputs are kept. A cell marked `#| echo: false` shows only its output: markdown it displays becomes part of
the page (the front page's tables and measured numbers are printed this way, from data/results/). `python .ci/readme.py --check` exits 1 when README.md is stale."""
import re, sys
from pathlib import Path
import nbformat
from nbconvert import MarkdownExporter

ROOT = Path(__file__).resolve().parent.parent

def _directives(src):
    return [l[3:].strip() for l in src.splitlines() if l.startswith('#|')]

def readme_text(nb_path=ROOT/'nbs'/'index.ipynb'):
    nb = nbformat.read(nb_path, as_version=4)
    cells = []
    for c in nb.cells:
        if c.cell_type == 'raw': continue
        if c.cell_type == 'code':
            dirs = _directives(c.source)
            if any(d.split(':')[0].strip() in ('hide', 'exporti', 'export') for d in dirs): continue
            if any(d.replace(' ', '') == 'echo:false' for d in dirs):
                for o in c.outputs:
                    text = (o.get('data', {}).get('text/markdown') if 'data' in o else None) or ''.join(o.get('text', ''))
                    if text: cells.append(nbformat.v4.new_markdown_cell(text))
                continue
            c.source = '\n'.join(l for l in c.source.splitlines() if not l.startswith('#|')).strip('\n')
            c.outputs = [o for o in c.outputs if o.output_type == 'stream' or
                         (o.output_type in ('execute_result', 'display_data') and 'text/plain' in o.get('data', {})
                          and not any(k.startswith('image/') for k in o.get('data', {})))]
            for o in c.outputs:
                if 'data' in o: o['data'] = {'text/plain': o['data']['text/plain']}
        cells.append(c)
    nb.cells = cells
    body, _ = MarkdownExporter().from_notebook_node(nb)
    body = re.sub(r'\n{3,}', '\n\n', body).strip() + '\n'
    return '<!-- generated from nbs/index.ipynb by .ci/readme.py: do not edit -->\n\n' + body

if __name__ == '__main__':
    text, out = readme_text(), ROOT/'README.md'
    if '--check' in sys.argv:
        if not out.exists() or out.read_text(encoding='utf-8') != text:
            sys.exit('README.md is out of date with nbs/index.ipynb: run `python .ci/readme.py` and commit it')
        print('README.md is up to date')
    else:
        out.write_text(text, encoding='utf-8'); print(f'wrote {out}')
