#!/bin/sh
set -e
kubectl apply -f deploy/k8s/
