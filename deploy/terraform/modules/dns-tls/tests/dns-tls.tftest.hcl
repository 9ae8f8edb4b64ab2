mock_provider "aws" {
  source = "../../shared/testing"
}

variables {
  zone_name = "example.com"
  host      = "platform.example.com"
}

run "certificate_without_alias_until_the_load_balancer_exists" {
  command = apply

  assert {
    condition     = aws_acm_certificate.gateway.domain_name == "platform.example.com" && aws_acm_certificate.gateway.validation_method == "DNS"
    error_message = "the certificate covers the gateway host and is validated through DNS."
  }

  assert {
    condition     = length(aws_route53_record.gateway) == 0
    error_message = "no alias record before the load balancer exists."
  }
}

run "alias_to_the_load_balancer" {
  command = plan

  variables {
    load_balancer = { dns_name = "k8s-ingress-0123.elb.eu-west-1.amazonaws.com", zone_id = "Z2IFOLAFXWLO4F" }
  }

  assert {
    condition     = one(aws_route53_record.gateway[0].alias).name == "k8s-ingress-0123.elb.eu-west-1.amazonaws.com"
    error_message = "the gateway host aliases the ingress load balancer."
  }
}

run "refuses_a_host_outside_the_zone" {
  command = plan

  variables {
    host = "platform.example.org"
  }

  expect_failures = [var.host]
}
