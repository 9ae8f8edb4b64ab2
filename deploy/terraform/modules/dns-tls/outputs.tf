output "host" {
  description = "Public host of the gateway."
  value       = var.host
}

output "certificate_arn" {
  description = "Validated ACM certificate (service.beta.kubernetes.io/aws-load-balancer-ssl-cert on the ingress controller's Service)."
  value       = aws_acm_certificate_validation.gateway.certificate_arn
}
