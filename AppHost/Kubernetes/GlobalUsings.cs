global using k8s;
global using k8s.Models;
