"""pyscript_demo/descent.py, the listing of the guide's Writing a demo page, against the mathematics of its parabola."""

import numpy as np

from pyscript_demo import descent


def test_the_slope_is_the_derivative_of_the_loss():
    w, h = np.linspace(-2, 6, 9), 1e-6
    np.testing.assert_allclose(descent.slope(w), (descent.loss(w + h) - descent.loss(w - h)) / (2 * h), atol=1e-6)


def test_a_step_shrinks_the_distance_to_the_minimum_by_one_minus_twice_the_rate():
    for rate in (0.05, 0.1, 0.4):
        w = -1.0
        for n in range(1, 20):
            w = descent.step(w, rate)
            np.testing.assert_allclose(2 - w, 3 * (1 - 2 * rate) ** n, atol=1e-12)
    assert descent.step(2.0, 0.3) == 2.0
