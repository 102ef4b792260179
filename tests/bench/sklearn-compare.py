#!/usr/bin/env python3
"""
scikit-learn's GradientBoostingClassifier, default settings, on the same split the churn model used: the reference
the bench compares our holdout AUC with (tests/bench/model.ts).

    python3 sklearn-compare.py TABLE.csv

TABLE.csv: a header, then one row per labelled customer; the column `churned` is the label (1/0, yes/no) and
`__holdout` is 1 for the rows our model held out. Numeric columns (every non-blank cell a number) are used as
they are, blanks set to the training median (the classifier takes no missing values); other columns become one
0/1 column per level seen in training. Prints one JSON line: {"auc": …, "fitMs": …, "sklearn": version}.
Exit code 3 when scikit-learn cannot be imported (Debian: apt-get install python3-sklearn).
"""
import csv, json, sys, time

try:
    import numpy as np
    import sklearn
    from sklearn.ensemble import GradientBoostingClassifier
    from sklearn.metrics import roc_auc_score
except ImportError as e:
    print(json.dumps({"skipped": "apt-get install python3-sklearn", "error": str(e)}))
    sys.exit(3)

YES = {"1", "yes", "true", "y", "churned"}

def main(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    li = header.index("churned")
    hi = header.index("__holdout")
    y = np.array([1 if r[li].strip().lower() in YES else 0 for r in body])
    test = np.array([r[hi] == "1" for r in body])
    cols = []
    for j, name in enumerate(header):
        if j in (li, hi):
            continue
        cells = [r[j].strip() for r in body]
        try:
            vals = np.array([float(c) if c != "" else np.nan for c in cells])
            med = np.nanmedian(vals[~test])
            cols.append(np.where(np.isnan(vals), med, vals))
        except ValueError:
            levels = sorted({c for c, t in zip(cells, test) if not t})
            for lv in levels:
                cols.append(np.array([1.0 if c == lv else 0.0 for c in cells]))
    X = np.column_stack(cols)
    t0 = time.perf_counter()
    clf = GradientBoostingClassifier(random_state=0).fit(X[~test], y[~test])
    fit_ms = (time.perf_counter() - t0) * 1000
    auc = roc_auc_score(y[test], clf.predict_proba(X[test])[:, 1])
    print(json.dumps({"auc": auc, "fitMs": fit_ms, "sklearn": sklearn.__version__, "features": X.shape[1]}))

if __name__ == "__main__":
    main(sys.argv[1])
