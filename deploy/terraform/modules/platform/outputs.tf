# What the Kubernetes publisher needs (read by tools/PublisherSettings through each environment's outputs, see
# docs/infrastructure.md) and what operators need to reach the cluster.
output "environment" {
  description = "Overlay name of this environment."
  value       = var.environment
}

output "region" {
  description = "AWS region."
  value       = var.region
}

output "namespace" {
  description = "Kubernetes namespace the secrets role trusts."
  value       = local.namespace
}

output "cluster_name" {
  description = "aws eks update-kubeconfig --region <region> --name <cluster_name>"
  value       = module.cluster.name
}

output "registry" {
  description = "The publisher's Registry for this environment."
  value       = module.registry.registry
}

output "repository_urls" {
  description = "Push URL per image."
  value       = module.registry.repository_urls
}

output "redis" {
  description = "The managed Redis as the publisher's ExternalServices entry sees it."
  value = {
    primary_endpoint = module.redis.primary_endpoint
    port             = module.redis.port
    cidr             = module.network.data_cidr_block
  }
}

output "external_secrets" {
  description = "What the SecretStore and ExternalSecrets need: the IRSA role, its service account, the remote names."
  value = {
    role_arn        = module.secrets.external_secrets_role_arn
    service_account = module.secrets.service_account
    region          = var.region
    secrets         = module.secrets.secret_names
  }
}

output "service_account_role_arns" {
  description = "IRSA roles of the cluster controllers (Helm values of cluster-autoscaler, EBS CSI, load-balancer controller)."
  value       = module.cluster.service_account_role_arns
}

output "ingress" {
  description = "Load balancer settings of the ingress controller's Service."
  value = {
    security_group_id = module.cluster.ingress_security_group_id
    certificate_arn   = try(module.dns_tls[0].certificate_arn, null)
    host              = var.gateway_host
  }
}

output "parts" {
  description = "Every wired module's outputs as planned, so the environments' tests can assert on them (sensitive: it holds the Redis AUTH token)."
  sensitive   = true
  value = {
    network  = module.network
    cluster  = module.cluster
    registry = module.registry
    secrets  = module.secrets
    redis    = module.redis
  }
}
