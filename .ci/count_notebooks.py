"""The closing line of CI's test step: `N passed, F failed, M skipped`, counted over the notebooks `nbdev_test` selects.

A notebook is skipped when nbdev_test runs none of its code cells: its front matter says `skip_exec: true`, or every code cell
carries one of settings.ini's `tst_flags` (or `eval: false`). F is read from nbdev_test's standard error (a file), which names
the failed notebooks; the others passed.
Usage: python .ci/count_notebooks.py [NBDEV_TEST_STDERR_FILE]"""
import sys
from pathlib import Path
from nbdev.config import get_config
from nbdev.doclinks import nbglob
from nbdev.process import NBProcessor
from nbdev.frontmatter import FrontmatterProc
from nbdev.test import _keep_file
from fastcore.basics import str2bool

def runs_nothing(path:Path, flags:set)->bool:
    "Whether nbdev_test would run no code cell of this notebook (as its `test_nb` decides)."
    nb = NBProcessor(path, procs=FrontmatterProc, process=True).nb
    if str2bool(getattr(nb, 'frontmatter_', {}).get('skip_exec', False)): return True
    def skipped(c):
        d = getattr(c, 'directives_', {}) or {}
        return 'nbdev_export(' in c.source or d.get('eval:', [''])[0].lower() == 'false' or bool(flags & d.keys())
    return all(skipped(c) for c in nb.cells if c.cell_type == 'code')

def failed_names(stderr_file:str|None)->set:
    "The notebooks nbdev_test's error report lists after 'Tests Failed On The Following Notebooks'."
    if not stderr_file or not Path(stderr_file).exists(): return set()
    text = Path(stderr_file).read_text(errors='replace').split('Tests Failed On The Following Notebooks:')
    return {l.strip() for l in text[-1].splitlines() if l.startswith('\t')} if len(text) > 1 else set()

if __name__ == '__main__':
    cfg = get_config()
    files = [f for f in sorted(nbglob(None, as_path=True)) if _keep_file(f.absolute(), '.notest')]
    flags = set(cfg.tst_flags.split())
    skipped = [f for f in files if runs_nothing(f, flags)]
    failed = failed_names(sys.argv[1] if len(sys.argv) > 1 else None)
    ran = len(files) - len(skipped)
    print(f"{ran - len(failed)} passed, {len(failed)} failed, {len(skipped)} skipped")
