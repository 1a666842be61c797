# The Logistic Regression seed's listing exactly as written, kept as an independent witness:
# pyscript_demo/logreg.py must print what this prints.
import numpy as np

# Binary logistic regression in one feature.
# Shapes: X is (n, 2), y is (n,), w is (2,).
x = np.array([-3, -2, -1, 0, 1, 2, 3], dtype=float)
y = np.array([0, 0, 0, 0, 1, 1, 1], dtype=float)
X = np.column_stack([np.ones_like(x), x])
w = np.array([-0.2, 0.7])


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def loss_and_grad(w):
    z = X @ w
    q = sigmoid(z)
    eps = 1e-12
    loss = -np.mean(y * np.log(q + eps) + (1 - y) * np.log(1 - q + eps))
    grad = X.T @ (q - y) / y.size
    return loss, grad, q


for step in range(60):
    loss, grad, q = loss_and_grad(w)
    w = w - 0.5 * grad
loss, grad, q = loss_and_grad(w)
print("bias, slope:", np.round(w, 3))
print("probabilities:", np.round(q, 3))
print("loss:", round(loss, 4))
print("gradient:", np.round(grad, 6))
print("decision boundary x:", round(-w[0] / w[1], 3))
