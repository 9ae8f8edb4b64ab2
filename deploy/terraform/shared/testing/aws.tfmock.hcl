# Values a real AWS account would return, for terraform test with mock_provider "aws" (source = this directory).
# The provider still validates planned arguments (ARN syntax, lengths), so computed ARNs look like real ones.
mock_data "aws_partition" {
  defaults = {
    partition = "aws"
  }
}

mock_data "aws_route53_zone" {
  defaults = {
    zone_id = "Z0123456789ABCDEFGHIJ"
  }
}

mock_data "aws_secretsmanager_random_password" {
  defaults = {
    random_password = "mockedRandomPassword0123456789abcdefABCDEF0123456789abcdefABCDEF"
  }
}

mock_resource "aws_iam_role" {
  defaults = {
    arn = "arn:aws:iam::123456789012:role/mocked"
  }
}

mock_resource "aws_cloudwatch_log_group" {
  defaults = {
    arn = "arn:aws:logs:eu-west-1:123456789012:log-group:mocked"
  }
}

mock_resource "aws_kms_key" {
  defaults = {
    arn    = "arn:aws:kms:eu-west-1:123456789012:key/00000000-0000-0000-0000-000000000000"
    key_id = "00000000-0000-0000-0000-000000000000"
  }
}

mock_resource "aws_secretsmanager_secret" {
  defaults = {
    arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:mocked-AbCdEf"
  }
}

mock_resource "aws_security_group" {
  defaults = {
    arn = "arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0123456789abcdef0"
    id  = "sg-0123456789abcdef0"
  }
}

mock_resource "aws_acm_certificate" {
  defaults = {
    arn = "arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-0000-0000-000000000000"
    domain_validation_options = [{
      domain_name           = "platform.example.com"
      resource_record_name  = "_0123.platform.example.com."
      resource_record_type  = "CNAME"
      resource_record_value = "_4567.acm-validations.aws."
    }]
  }
}

mock_resource "aws_eks_cluster" {
  defaults = {
    arn                   = "arn:aws:eks:eu-west-1:123456789012:cluster/mocked"
    identity              = [{ oidc = [{ issuer = "https://oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF" }] }]
    certificate_authority = [{ data = "bW9jaw==" }]
  }
}

mock_resource "aws_eks_node_group" {
  defaults = {
    arn       = "arn:aws:eks:eu-west-1:123456789012:nodegroup/mocked/mocked/0"
    resources = [{ autoscaling_groups = [{ name = "eks-mocked-asg" }], remote_access_security_group_id = "" }]
  }
}

mock_resource "aws_iam_openid_connect_provider" {
  defaults = {
    arn = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF"
    url = "https://oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF"
  }
}

mock_resource "aws_ecr_repository" {
  defaults = {
    arn            = "arn:aws:ecr:eu-west-1:123456789012:repository/mocked"
    repository_url = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/mocked"
  }
}

mock_resource "aws_elasticache_replication_group" {
  defaults = {
    arn                      = "arn:aws:elasticache:eu-west-1:123456789012:replicationgroup:mocked"
    primary_endpoint_address = "master.mocked.abcdef.euw1.cache.amazonaws.com"
    reader_endpoint_address  = "replica.mocked.abcdef.euw1.cache.amazonaws.com"
  }
}

mock_resource "aws_launch_template" {
  defaults = {
    arn            = "arn:aws:ec2:eu-west-1:123456789012:launch-template/lt-0123456789abcdef0"
    id             = "lt-0123456789abcdef0"
    latest_version = 1
  }
}
