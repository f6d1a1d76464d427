#!/usr/bin/env python3
"""Scores mask folders with the official DAVIS toolkit (davisvideochallenge/davis2017-evaluation).

The toolkit itself is not part of this repository: pass the path of a checkout with --toolkit.
Masks are read with OpenCV; any non-zero pixel is object 1 (DAVIS 2016 ground truth is 0/255).

  score: per-frame J and F for each prediction folder against a ground-truth folder, plus
         db_statistics over all frames and over frames[1:-1] (the toolkit's semi-supervised slice).
  bench: times db_eval_iou + db_eval_boundary over N mask pairs, cycling through the folders.
"""
import argparse
import json
import os
import sys
import time


def read_mask(path):
    import cv2
    image = cv2.imread(path, cv2.IMREAD_UNCHANGED)
    if image is None:
        sys.exit(f"cannot read mask '{path}'")
    if image.ndim == 3:
        image = image[:, :, 0]
    return image > 0


def frame_stems(folder):
    stems = sorted(os.path.splitext(name)[0] for name in os.listdir(folder)
                   if os.path.splitext(name)[1].lower() in ('.png', '.pgm'))
    if not stems:
        sys.exit(f"no .png or .pgm masks in '{folder}'")
    return stems


def find_mask(folder, stem):
    for extension in ('.png', '.pgm'):
        path = os.path.join(folder, stem + extension)
        if os.path.exists(path):
            return path
    sys.exit(f"no mask for frame '{stem}' in '{folder}'")


def load_pairs(truth_folder, prediction_folder):
    stems = frame_stems(truth_folder)
    truths = [read_mask(find_mask(truth_folder, s)) for s in stems]
    predictions = [read_mask(find_mask(prediction_folder, s)) for s in stems]
    return stems, truths, predictions


def score(args):
    from davis2017.metrics import db_eval_iou, db_eval_boundary
    from davis2017.utils import db_statistics
    import numpy as np

    output = {'toolkit': os.path.abspath(args.toolkit), 'bound_th': args.bound_th, 'predictions': {}}
    for entry in args.prediction:
        name, folder = entry.split('=', 1)
        stems, truths, predictions = load_pairs(args.truth, folder)
        j = np.array([float(db_eval_iou(t, p)) for t, p in zip(truths, predictions)])
        f = np.array([float(db_eval_boundary(t, p, bound_th=args.bound_th)) for t, p in zip(truths, predictions)])
        stats = {}
        for label, selection in (('All', slice(None)), ('SkipFirstAndLast', slice(1, -1))):
            stats[label] = {'J': [float(v) for v in db_statistics(j[selection])],
                            'F': [float(v) for v in db_statistics(f[selection])]}
        output['predictions'][name] = {
            'frames': [{'stem': s, 'J': float(a), 'F': float(b)} for s, a, b in zip(stems, j, f)],
            'stats': stats,
        }
    with open(args.output, 'w') as handle:
        json.dump(output, handle, allow_nan=True)


def bench(args):
    from davis2017.metrics import db_eval_iou, db_eval_boundary
    _, truths, predictions = load_pairs(args.truth, args.prediction)
    pairs = [(truths[i % len(truths)], predictions[i % len(truths)]) for i in range(args.count)]
    start = time.perf_counter()
    total_j = total_f = 0.0
    for t, p in pairs:
        total_j += float(db_eval_iou(t, p))
        total_f += float(db_eval_boundary(t, p, bound_th=args.bound_th))
    elapsed = time.perf_counter() - start
    print(json.dumps({'count': args.count, 'seconds': elapsed,
                      'mean_j': total_j / args.count, 'mean_f': total_f / args.count}))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--toolkit', required=True, help='checkout of davis2017-evaluation (holds davis2017/)')
    parser.add_argument('--bound-th', type=float, default=0.008)
    commands = parser.add_subparsers(dest='command', required=True)
    score_parser = commands.add_parser('score')
    score_parser.add_argument('--truth', required=True)
    score_parser.add_argument('--prediction', action='append', required=True, help='NAME=FOLDER, repeatable')
    score_parser.add_argument('--output', required=True)
    bench_parser = commands.add_parser('bench')
    bench_parser.add_argument('--truth', required=True)
    bench_parser.add_argument('--prediction', required=True)
    bench_parser.add_argument('--count', type=int, default=1376)
    args = parser.parse_args()
    if not os.path.isdir(os.path.join(args.toolkit, 'davis2017')):
        sys.exit(f"'{args.toolkit}' does not hold davis2017/; expected a davis2017-evaluation checkout")
    sys.path.insert(0, os.path.abspath(args.toolkit))
    score(args) if args.command == 'score' else bench(args)


if __name__ == '__main__':
    main()
