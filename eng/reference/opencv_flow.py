#!/usr/bin/env python3
"""Peer flow estimators for 'videoseg bench': OpenCV's DIS (medium preset) and Farneback on the
FlyingChairs samples, measured in the same run as VideoSeg's TV-L1 so that the benchmark can report
ratios. Needs Debian's python3-opencv (4.6). Prints one JSON object: {method: {epe, seconds_per_pair}}.
Grayscale inputs and 2 threads, as in the reference figures of shared/data/README.md.
"""
import json
import os
import sys
import time


def read_flo(path):
    import numpy as np
    with open(path, 'rb') as f:
        magic = np.fromfile(f, np.float32, 1)[0]
        if magic != 202021.25:
            sys.exit(f"'{path}': bad .flo magic {magic}")
        w, h = np.fromfile(f, np.int32, 2)
        return np.fromfile(f, np.float32, 2 * w * h).reshape(h, w, 2)


def main():
    import cv2
    import numpy as np
    folder = sys.argv[1]
    cv2.setNumThreads(2)
    stems = sorted(name[:-len('-gt.flo')] for name in os.listdir(folder) if name.endswith('-gt.flo'))
    if not stems:
        sys.exit(f"no *-gt.flo files in '{folder}'")
    pairs = []
    for stem in stems:
        a = cv2.cvtColor(cv2.imread(os.path.join(folder, stem + '-img0.ppm')), cv2.COLOR_BGR2GRAY)
        b = cv2.cvtColor(cv2.imread(os.path.join(folder, stem + '-img1.ppm')), cv2.COLOR_BGR2GRAY)
        pairs.append((a, b, read_flo(os.path.join(folder, stem + '-gt.flo'))))
    dis = cv2.DISOpticalFlow_create(cv2.DISOPTICAL_FLOW_PRESET_MEDIUM)
    methods = {
        'opencv-dis-medium': lambda a, b: dis.calc(a, b, None),
        'opencv-farneback': lambda a, b: cv2.calcOpticalFlowFarneback(a, b, None, 0.5, 5, 15, 3, 5, 1.2, 0),
    }
    result = {}
    for name, estimate in methods.items():
        estimate(pairs[0][0], pairs[0][1])
        epes = []
        start = time.perf_counter()
        for a, b, truth in pairs:
            flow = estimate(a, b)
            epes.append(float(np.mean(np.linalg.norm(flow - truth, axis=2))))
        elapsed = time.perf_counter() - start
        result[name] = {'epe': float(np.mean(epes)), 'seconds_per_pair': elapsed / len(pairs)}
    print(json.dumps(result))


if __name__ == '__main__':
    main()
