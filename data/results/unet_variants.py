"""UNet variants on the GPU machine (issue 7): layouts, attention backends, bf16, regional and whole-model torch.compile.

An exploration script, kept with its output: run on one NVIDIA H100 80GB HBM3 (torch 2.11, diffusers 0.42.1) as
`python data/results/unet_variants.py layout,attn,bf16,regional,full,warm`; it wrote $OUT/explore.json, kept as
data/results/unet_variants_h100.json. Times are medians of CUDA-graph replays of one UNet forward (fp16, SD 2.1-base
architecture, random weights). The maintained benchmark is `python -m sds_nb.bench` (notebook 09)."""
import json, os, re, sys, time, statistics, subprocess
from pathlib import Path
import torch
from torch.profiler import profile, ProfilerActivity
from torch.utils.flop_counter import FlopCounterMode
from torch.nn.attention import sdpa_kernel, SDPBackend

OUT = Path(os.environ.get('OUT', '/tmp/out')); OUT.mkdir(exist_ok=True, parents=True)
RES = {}
def save(): (OUT / 'explore.json').write_text(json.dumps(RES, indent=1))
def log(*a): print(*a, flush=True)

CATS = [('layout', r'nchwtonhwc|nhwctonchw|transpose|permute'),
        ('attention', r'flash|fmha|attention|sdpa|attn'),
        ('norm', r'group_norm|groupnorm|layer_norm|layernorm|rowwisemoments|computefusedparams|welford|triton_red|triton_per'),
        ('conv', r'conv|fprop|implicit|dgrad|wgrad'),
        ('gemm', r'gemm|nvjet|cublas|cutlass|xmma|triton_tem|matmul'),
        ('elementwise', r'.')]
def cat_of(name):
    n = name.lower()
    for c, pat in CATS:
        if re.search(pat, n): return c

def flops_by_cat(fn):
    with torch.no_grad(), FlopCounterMode(display=False) as fc: fn()
    out = {}
    for op, f in fc.get_flop_counts()['Global'].items():
        s = str(op)
        c = 'conv' if 'convolution' in s else 'attention' if 'scaled_dot_product' in s else 'gemm'
        out[c] = out.get(c, 0) + f
    return out

def kernel_profile(fn, iters=5, tag=''):
    with torch.no_grad():
        for _ in range(2): fn()
        torch.cuda.synchronize()
        with profile(activities=[ProfilerActivity.CUDA]) as prof:
            for _ in range(iters): fn()
            torch.cuda.synchronize()
    path = f'/tmp/trace_{tag}.json'; prof.export_chrome_trace(path)
    ev = json.load(open(path))['traceEvents']
    k = [e for e in ev if e.get('cat') == 'kernel']
    cats, names = {}, {}
    for e in k:
        c = cat_of(e['name']); cats[c] = cats.get(c, 0) + e['dur'] / 1000 / iters
        nm = e['name'][:90]; names[nm] = names.get(nm, 0) + e['dur'] / 1000 / iters
    top = sorted(names.items(), key=lambda x: -x[1])[:25]
    return dict(kernels_per_forward=len(k) / iters, gpu_ms=sum(cats.values()), by_cat=cats, top=top)

def graph_ms(fn, reps=20):
    s = torch.cuda.Stream(); s.wait_stream(torch.cuda.current_stream())
    with torch.no_grad():
        with torch.cuda.stream(s):
            for _ in range(3): fn()
        torch.cuda.current_stream().wait_stream(s)
        g = torch.cuda.CUDAGraph()
        with torch.cuda.graph(g): fn()
    g.replay(); torch.cuda.synchronize()
    ts = []
    for _ in range(reps):
        a, b = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        a.record(); g.replay(); b.record(); b.synchronize(); ts.append(a.elapsed_time(b))
    del g
    return statistics.median(ts)

def eager_ms(fn, reps=10):
    with torch.no_grad():
        for _ in range(3): fn()
        torch.cuda.synchronize(); t0 = time.perf_counter()
        for _ in range(reps): fn()
        torch.cuda.synchronize()
    return (time.perf_counter() - t0) * 1000 / reps

def main(parts):
    from sds_nb.sd import sd21_base_random
    from sds_nb.bench import matmul_tflops
    dev = 'cuda'
    RES['gpu'] = torch.cuda.get_device_name(); RES['torch'] = torch.__version__
    RES['matmul_bf16'] = matmul_tflops(dev); RES['matmul_fp16'] = matmul_tflops(dev, dtype=torch.float16)
    log('peak', RES['matmul_bf16'], RES['matmul_fp16'])
    sd = sd21_base_random(device=dev, dtype=torch.float16)
    unet = sd.unet
    log('attn procs', {type(p).__name__ for p in unet.attn_processors.values()})
    c1 = sd.encode(['a cat'])
    def inputs(B):
        return (torch.randn(B, 4, 64, 64, device=dev, dtype=torch.float16), torch.randint(20, 981, (B,), device=dev),
                c1.expand(B, -1, -1).contiguous())
    def fwd(B):
        x, t, c = inputs(B)
        return lambda: unet(x, t, encoder_hidden_states=c).sample
    gf = flops_by_cat(fwd(1)); RES['gflop_per_sample'] = {k: v / 1e9 for k, v in gf.items()}; log('gflop', RES['gflop_per_sample'])
    save()
    if 'layout' in parts:
        RES['layout'] = {}
        for cl in (False, True):
            unet.to(memory_format=torch.channels_last if cl else torch.contiguous_format)
            for B in (2, 20, 40):
                key = f"{'cl' if cl else 'nchw'}_b{B}"
                r = dict(graph_ms=graph_ms(fwd(B)), eager_ms=eager_ms(fwd(B)))
                if B in (2, 20): r['profile'] = kernel_profile(fwd(B), tag=key)
                tf = sum(gf.values()) * B / (r['graph_ms'] / 1000) / 1e12
                r['tflops'] = tf
                RES['layout'][key] = r; save()
                log(key, 'graph', round(r['graph_ms'], 2), 'eager', round(r['eager_ms'], 2), 'TFLOP/s', round(tf))
                if 'profile' in r: log('   ', {k: round(v, 2) for k, v in r['profile']['by_cat'].items()}, 'kernels', r['profile']['kernels_per_forward'])
        unet.to(memory_format=torch.contiguous_format)
    if 'attn' in parts:
        RES['attn'] = {}
        for cl in (False, True):
            unet.to(memory_format=torch.channels_last if cl else torch.contiguous_format)
            for name, be in (('flash', SDPBackend.FLASH_ATTENTION), ('efficient', SDPBackend.EFFICIENT_ATTENTION), ('cudnn', SDPBackend.CUDNN_ATTENTION)):
                for B in (2, 20):
                    key = f"{'cl' if cl else 'nchw'}_{name}_b{B}"
                    try:
                        with sdpa_kernel(be): ms = graph_ms(fwd(B))
                    except Exception as e: ms = repr(e)[:200]
                    RES['attn'][key] = ms; save(); log(key, ms)
        unet.to(memory_format=torch.contiguous_format)
    if 'bf16' in parts:
        u16 = unet; ub = sd21_base_random(device=dev, dtype=torch.bfloat16).unet
        for B in (2, 20):
            x, t, c = inputs(B)
            RES[f'bf16_b{B}'] = graph_ms(lambda: ub(x.bfloat16(), t, encoder_hidden_states=c.bfloat16()).sample); log('bf16', B, RES[f'bf16_b{B}'])
        del ub; save()
    if 'regional' in parts or 'full' in parts:
        from torch import _dynamo
        _dynamo.config.recompile_limit = 64
        from diffusers.models.resnet import ResnetBlock2D, Downsample2D, Upsample2D
        from diffusers.models.transformers.transformer_2d import Transformer2DModel
        for mode in [m for m in ('regional', 'full') if m in parts]:
            for cl in (True,):
                _dynamo.reset()
                u = sd21_base_random(device=dev, dtype=torch.float16).unet
                if cl: u.to(memory_format=torch.channels_last)
                if mode == 'regional':
                    for m in u.modules():
                        if isinstance(m, (ResnetBlock2D, Transformer2DModel)): m.compile(dynamic=False)
                    f = u
                else: f = torch.compile(u, dynamic=False)
                res = {}
                for B in (20, 2):
                    x, t, c = inputs(B)
                    fn = lambda: f(x, t, encoder_hidden_states=c).sample
                    torch.cuda.synchronize(); t0 = time.perf_counter()
                    with torch.no_grad(): fn()
                    torch.cuda.synchronize(); res[f'first_call_s_b{B}'] = time.perf_counter() - t0
                    res[f'graph_ms_b{B}'] = graph_ms(fn)
                    if B == 20: res['profile_b20'] = kernel_profile(fn, tag=f'{mode}{cl}')
                    log(mode, 'cl' if cl else 'nchw', B, {k: v for k, v in res.items() if not k.startswith('profile')})
                if 'profile_b20' in res: log('   ', {k: round(v, 2) for k, v in res['profile_b20']['by_cat'].items()})
                RES[f'{mode}_{"cl" if cl else "nchw"}'] = res; save()
                del u, f
    if 'warm' in parts:   # the same full compile in a fresh process: how much the on-disk caches save
        r = subprocess.run([sys.executable, __file__, 'full_only_cl'], capture_output=True, text=True)
        log(r.stdout[-2000:], r.stderr[-2000:])

if __name__ == '__main__':
    parts = sys.argv[1].split(',') if len(sys.argv) > 1 else ['layout', 'attn']
    if parts == ['full_only_cl']:
        from sds_nb.sd import sd21_base_random
        u = sd21_base_random(device='cuda', dtype=torch.float16).unet.to(memory_format=torch.channels_last)
        f = torch.compile(u, dynamic=False)
        x, t, c = torch.randn(20, 4, 64, 64, device='cuda', dtype=torch.float16), torch.full((20,), 500, device='cuda'), torch.randn(20, 77, 1024, device='cuda', dtype=torch.float16)
        t0 = time.perf_counter()
        with torch.no_grad(): f(x, t, encoder_hidden_states=c)
        torch.cuda.synchronize(); print('warm-cache full compile first call s', time.perf_counter() - t0)
    else:
        main(parts)
        print(json.dumps({k: v for k, v in RES.items() if k not in ('layout',)}, indent=0, default=str)[:6000])
