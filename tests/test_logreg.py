"""The numpy module the page shows, runs at build time and runs in the browser."""

import subprocess
import sys

import numpy as np
import pytest

from pyscript_demo import logreg
from tests.conftest import ROOT

DATA = ROOT / "tests" / "data"


def run(path):
    return subprocess.run([sys.executable, str(path)], capture_output=True, text=True, check=True).stdout


def test_listing_prints_the_reference_output():
    # The reference is an independent run of the seed's listing, recorded with the page's content notes.
    assert run(ROOT / "pyscript_demo" / "logreg.py") == (DATA / "seed_reference_output.txt").read_text()


def test_listing_prints_what_the_seed_listing_prints():
    assert run(ROOT / "pyscript_demo" / "logreg.py") == run(DATA / "seed_listing.py")


def test_sigmoid_is_a_probability_map():
    z = np.linspace(-30, 30, 121)
    q = logreg.sigmoid(z)
    assert logreg.sigmoid(0.0) == 0.5
    assert np.all((q >= 0) & (q <= 1))
    np.testing.assert_allclose(logreg.sigmoid(-z), 1 - q, atol=1e-15)
    assert np.all(np.diff(q) >= 0)


@pytest.mark.parametrize("seed", range(5))
def test_gradient_matches_finite_differences(seed):
    w = np.random.default_rng(seed).uniform(-3, 3, size=2)
    _, grad, _ = logreg.loss_and_grad(w)
    h = 1e-6
    numeric = np.array(
        [(logreg.loss_and_grad(w + h * e)[0] - logreg.loss_and_grad(w - h * e)[0]) / (2 * h) for e in np.eye(2)]
    )
    np.testing.assert_allclose(grad, numeric, rtol=1e-6, atol=1e-9)


def test_logit_gradient_is_q_minus_y():
    # dL/db is the mean of q - y: the bias column of X is all ones.
    w = np.array([0.3, -1.2])
    _, grad, q = logreg.loss_and_grad(w)
    assert grad[0] == pytest.approx(np.mean(q - logreg.y))


@pytest.mark.parametrize("slope", [40.0, -40.0])
def test_loss_is_finite_when_q_reaches_0_and_1(slope):
    loss, grad, q = logreg.loss_and_grad(np.array([0.0, slope]))
    assert q.min() < 1e-40 and q.max() == 1.0
    assert np.isfinite(loss) and np.all(np.isfinite(grad))


def test_training_lowers_the_loss():
    before, _, _ = logreg.loss_and_grad(logreg.w_start)
    after, _, _ = logreg.loss_and_grad(logreg.train(logreg.w_start))
    assert after < before
