# The gateway's public name: an ACM certificate validated through DNS, and an alias to the ingress load balancer.
data "aws_route53_zone" "this" {
  name         = var.zone_name
  private_zone = false
}

resource "aws_acm_certificate" "gateway" {
  domain_name       = var.host
  validation_method = "DNS"
  key_algorithm     = "EC_prime256v1"
  tags              = var.tags

  lifecycle {
    create_before_destroy = true
  }
}

# One name, one validation record: a single resource rather than a for_each over options known only after creation.
resource "aws_route53_record" "validation" {
  zone_id         = data.aws_route53_zone.this.zone_id
  name            = local.validation.resource_record_name
  type            = local.validation.resource_record_type
  records         = [local.validation.resource_record_value]
  ttl             = 300
  allow_overwrite = true
}

locals {
  validation = one(aws_acm_certificate.gateway.domain_validation_options)
}

resource "aws_acm_certificate_validation" "gateway" {
  certificate_arn         = aws_acm_certificate.gateway.arn
  validation_record_fqdns = [aws_route53_record.validation.fqdn]
}

resource "aws_route53_record" "gateway" {
  count = var.load_balancer == null ? 0 : 1

  zone_id = data.aws_route53_zone.this.zone_id
  name    = var.host
  type    = "A"

  alias {
    name                   = var.load_balancer.dns_name
    zone_id                = var.load_balancer.zone_id
    evaluate_target_health = true
  }
}
