output "vpc_id" {
  description = "The VPC."
  value       = aws_vpc.this.id
}

output "cidr_block" {
  description = "Address range of the VPC."
  value       = aws_vpc.this.cidr_block
}

output "zones" {
  description = "Availability zones the subnets span, in order."
  value       = local.zones
}

output "public_subnet_ids" {
  description = "Public subnet per zone (internet-facing load balancers, NAT gateways)."
  value       = { for zone, subnet in aws_subnet.public : zone => subnet.id }
}

output "private_subnet_ids" {
  description = "Private subnet per zone (nodes and pods)."
  value       = { for zone, subnet in aws_subnet.private : zone => subnet.id }
}

output "data_subnet_ids" {
  description = "Data subnet per zone (managed Redis); no route leaves the VPC."
  value       = { for zone, subnet in aws_subnet.data : zone => subnet.id }
}

output "data_cidr_block" {
  description = "One range covering every data subnet: what workloads may reach the managed Redis in."
  value       = local.data_cidr_block
}

output "nat_gateway_zones" {
  description = "Zone of each NAT gateway, from the planned gateways' subnets."
  value       = [for zone, nat in aws_nat_gateway.this : aws_subnet.public[zone].availability_zone]
}

output "private_egress_nat_zone" {
  description = "For each private zone, the zone of the NAT gateway its traffic leaves through."
  value       = local.nat_for_zone
}
