# Every environment's outputs, linked into each as outputs.tf: modules/platform's outputs (described there) under
# the same names, so tools/PublisherSettings reads every environment alike (see docs/infrastructure.md).
output "environment" {
  value = module.platform.environment
}

output "region" {
  value = module.platform.region
}

output "namespace" {
  value = module.platform.namespace
}

output "cluster_name" {
  value = module.platform.cluster_name
}

output "registry" {
  value = module.platform.registry
}

output "repository_urls" {
  value = module.platform.repository_urls
}

output "redis" {
  value = module.platform.redis
}

output "external_secrets" {
  value = module.platform.external_secrets
}

output "service_account_role_arns" {
  value = module.platform.service_account_role_arns
}

output "ingress" {
  value = module.platform.ingress
}
