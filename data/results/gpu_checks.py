"""GPU-only checks that CI cannot run: do CUDA graphs and torch.compile give the plain path's results, and does --compile run?

Run on one NVIDIA H100 80GB HBM3 (torch 2.11, diffusers 0.42.1) as `python data/results/gpu_checks.py`; it wrote
$OUT/gpu_checks.json, kept as data/results/gpu_checks_h100.json. For SDS, PDS and VSD on the tiny random SD (2 prompts,
20 steps, fp32 and fp16 networks), the largest difference of the final latents from the eager run with the same seeds,
next to how far the eager run moved them; then `sds_nb generate --compile` for SDS and VSD on CUDA."""
import os, subprocess, sys, json, time, torch
import torch._dynamo
from sds_nb.sd import tiny_sd, use_cuda_graphs, compile_unet
from sds_nb.sds import SDS, distill
from sds_nb.pds import PDS
from sds_nb.vsd import VSD, LoRAPhi
out = {}
dev = os.environ.get("DEV", "cuda")
prompts = ['a cat', 'a dog']
def make(kind, sd, x0):
    if kind == 'sds': return SDS(sd, prompts, guidance=25.)
    if kind == 'pds': return PDS(sd, x0, prompts, ['a red cat', 'a red dog'], guidance=7.5)
    return VSD(sd, LoRAPhi(sd), prompts, guidance=7.5)
for dtype in (torch.float32, torch.float16):
    for kind in ('sds', 'pds', 'vsd'):
        x0 = torch.randn(2, 4, 8, 8, device=dev, generator=torch.Generator(dev).manual_seed(0))
        res = {}
        for mode in (("eager", "graphs", "compiled") if dev == "cuda" else ("eager", "graphs")):
            torch._dynamo.reset()
            sd = tiny_sd(seed=0, device=dev, dtype=dtype)
            if mode == 'graphs': use_cuda_graphs(sd)
            if mode == 'compiled': compile_unet(sd)
            t0 = time.time()
            try: res[mode] = distill(x0, make(kind, sd, x0), steps=20, seed=[0, 1], progress=False)
            except Exception as e: res[mode] = repr(e)[:300]
            print(dtype, kind, mode, f'{time.time() - t0:.1f} s', flush=True)
        d = {m: (float((res[m] - res['eager']).abs().max()) if torch.is_tensor(res[m]) else res[m]) for m in res if m != 'eager'}
        scale = float((res['eager'] - x0).abs().max())
        out[f'{kind}_{str(dtype)[6:]}'] = dict(max_abs_diff_vs_eager=d, eager_moved=scale)
        print(kind, dtype, d, 'moved', scale, flush=True)
os.makedirs(os.environ.get('OUT', '/tmp'), exist_ok=True)
for method in ('sds', 'vsd'):
    r = subprocess.run([sys.executable, '-m', 'sds_nb.cli', 'generate', 'a cat', '--model', 'tiny-sd', '--method', method, '--steps', '5',
                        '--compile', '--device', dev, '--out', '/tmp/cli_out', '--snapshot-every', '0', '--overwrite'],
                       capture_output=True, text=True)
    out[f'cli_compile_{method}'] = dict(rc=r.returncode, tail=(r.stdout + r.stderr)[-600:])
    print(method, r.returncode, (r.stdout + r.stderr)[-600:], flush=True)
json.dump(out, open(os.path.join(os.environ.get('OUT', '/tmp'), 'gpu_checks.json'), 'w'), indent=1)
