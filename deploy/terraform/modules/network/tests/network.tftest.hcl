mock_provider "aws" {
  source = "../../shared/testing"
}

# A mocked data source returns an empty zone list; plan against the zones eu-west-1 really has.
override_data {
  target = data.aws_availability_zones.available
  values = {
    names = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]
  }
}

variables {
  name                    = "platform-test"
  cidr_block              = "10.40.0.0/16"
  availability_zone_count = 3
  nat_gateway_per_zone    = true
  cluster_name            = "platform-test"
}

run "tiers_are_carved_per_zone_and_tagged_for_eks" {
  command = apply

  assert {
    condition     = length(aws_subnet.public) == 3 && length(aws_subnet.private) == 3 && length(aws_subnet.data) == 3
    error_message = "every zone gets a public, a private and a data subnet."
  }

  assert {
    condition     = alltrue([for subnet in aws_subnet.public : subnet.tags["kubernetes.io/role/elb"] == "1" && subnet.tags["kubernetes.io/cluster/platform-test"] == "shared"])
    error_message = "public subnets carry the tags internet-facing load balancers are discovered by."
  }

  assert {
    condition     = alltrue([for subnet in aws_subnet.private : subnet.tags["kubernetes.io/role/internal-elb"] == "1" && endswith(subnet.cidr_block, "/20")])
    error_message = "private subnets are /20s (pod addresses) tagged for internal load balancers."
  }

  assert {
    condition     = sort([for subnet in aws_subnet.data : subnet.cidr_block]) == tolist(["10.40.240.0/24", "10.40.241.0/24", "10.40.242.0/24"])
    error_message = "data subnets sit inside the data tier range 10.40.240.0/20."
  }

  assert {
    condition     = length(aws_nat_gateway.this) == 3 && length(aws_route.private_nat) == 3
    error_message = "nat_gateway_per_zone gives each zone its NAT gateway and route."
  }

  assert {
    condition     = aws_flow_log.this.traffic_type == "ALL"
    error_message = "flow logs record accepted and rejected traffic."
  }

  assert {
    condition     = length(aws_default_security_group.this.ingress) == 0 && length(aws_default_security_group.this.egress) == 0
    error_message = "the default security group is emptied."
  }
}

run "one_shared_nat_gateway_when_not_per_zone" {
  command = plan

  variables {
    nat_gateway_per_zone = false
  }

  assert {
    condition     = length(aws_nat_gateway.this) == 1 && length(aws_route.private_nat) == 3
    error_message = "a single NAT gateway serves every zone's route table."
  }
}

run "refuses_a_single_zone" {
  command = plan

  variables {
    availability_zone_count = 1
  }

  expect_failures = [var.availability_zone_count]
}

run "refuses_a_range_other_than_a_slash_16" {
  command = plan

  variables {
    cidr_block = "10.40.0.0/20"
  }

  expect_failures = [var.cidr_block]
}
