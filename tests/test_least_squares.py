"""pyscript_demo/least_squares.py against the mathematics of least squares."""

import numpy as np

from pyscript_demo import least_squares as ls


def test_fit_solves_the_normal_equations_and_matches_lstsq():
    w = ls.fit(ls.X, ls.y)
    np.testing.assert_allclose(ls.X.T @ ls.X @ w, ls.X.T @ ls.y)
    np.testing.assert_allclose(w, np.linalg.lstsq(ls.X, ls.y, rcond=None)[0])


def test_fit_of_one_feature_is_covariance_over_variance():
    x, y = ls.x, ls.y
    slope = np.sum((x - x.mean()) * (y - y.mean())) / np.sum((x - x.mean()) ** 2)
    np.testing.assert_allclose(ls.fit(ls.X, ls.y), [y.mean() - slope * x.mean(), slope])


def test_fit_recovers_an_exact_line():
    rng = np.random.default_rng(0)
    X = np.column_stack([np.ones(20), rng.normal(size=(20, 3))])
    w_true = np.array([1.5, -2.0, 0.25, 3.0])
    np.testing.assert_allclose(ls.fit(X, X @ w_true), w_true)


def test_gradient_matches_finite_differences_of_the_mean_squared_error():
    w, h = np.array([0.3, -0.7]), 1e-6
    numeric = [(ls.mse(ls.X, ls.y, w + h * e) - ls.mse(ls.X, ls.y, w - h * e)) / (2 * h) for e in np.eye(2)]
    np.testing.assert_allclose(ls.gradient(ls.X, ls.y, w), numeric, rtol=1e-6)


def test_the_solution_is_the_minimum_and_gradient_descent_reaches_it():
    w = ls.fit(ls.X, ls.y)
    np.testing.assert_allclose(ls.gradient(ls.X, ls.y, w), 0, atol=1e-12)
    for step in np.eye(2) * 0.01:
        assert ls.mse(ls.X, ls.y, w + step) > ls.mse(ls.X, ls.y, w)
    np.testing.assert_allclose(ls.gradient_descent(ls.X, ls.y, np.zeros(2)), w, atol=1e-4)


def test_residuals_are_observed_minus_predicted_and_their_mean_square_is_the_mse():
    w = np.array([0.5, 1.5])
    r = ls.residuals(ls.X, ls.y, w)
    np.testing.assert_allclose(r, ls.y - (0.5 + 1.5 * ls.x))
    np.testing.assert_allclose(ls.mse(ls.X, ls.y, w), np.mean(r**2), rtol=1e-12)
