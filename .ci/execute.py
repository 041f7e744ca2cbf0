#!/usr/bin/env python
"""Execute notebooks in place so that readers see current outputs, skipping the cells nbdev_test skips.

    python .ci/execute.py nbs/02_sds.ipynb [nbs/03_pds.ipynb ...]

Cells flagged `#| notest`, `#| slow` or `#| cuda` (settings.ini's tst_flags), and the closing `nbdev_export()` cell,
are not run and keep the outputs they had (a `#| cuda` cell keeps what it printed on a GPU machine). Every other code
cell runs top to bottom in one kernel, in the notebook's folder; the first error stops the run and nothing is written.
Run `nbdev_clean` afterwards, as before any commit."""
import sys, time
from configparser import ConfigParser
from pathlib import Path
import nbformat
from nbconvert.preprocessors import ExecutePreprocessor

ROOT = Path(__file__).resolve().parent.parent
cfg = ConfigParser(delimiters=['=']); cfg.read(ROOT/'settings.ini')
SKIP = set(cfg['DEFAULT'].get('tst_flags', 'notest').split()) | {'notest'}

def flags(src:str)->set[str]:
    out = set()
    for line in src.splitlines():
        if not line.startswith('#|'): break
        out |= set(line[2:].replace(',', ' ').split())
    return out

class SkipFlagged(ExecutePreprocessor):
    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == 'code' and (flags(cell.source) & SKIP or 'nbdev_export(' in cell.source):
            return cell, resources
        return super().preprocess_cell(cell, resources, index)

if __name__ == '__main__':
    for p in map(Path, sys.argv[1:]):
        t0 = time.time()
        nb = nbformat.read(p, as_version=4)
        SkipFlagged(timeout=1800, kernel_name='python3').preprocess(nb, {'metadata': {'path': str(p.resolve().parent)}})
        nbformat.write(nb, p)
        print(f'executed {p} in {time.time() - t0:.0f} s')
