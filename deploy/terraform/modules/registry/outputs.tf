output "registry" {
  description = "Value of the publisher's Registry option: images are <registry>/<image>:<tag>."
  value       = "${split("/", aws_ecr_repository.this[var.images[0]].repository_url)[0]}/${var.name}"
}

output "repository_urls" {
  description = "Push URL per image."
  value       = { for image, repository in aws_ecr_repository.this : image => repository.repository_url }
}

output "repositories" {
  description = "Every repository as planned: tag mutability, scan on push, encryption."
  value = {
    for image, repository in aws_ecr_repository.this : image => {
      image_tag_mutability = repository.image_tag_mutability
      scan_on_push         = repository.image_scanning_configuration[0].scan_on_push
      encryption_type      = repository.encryption_configuration[0].encryption_type
      kms_key              = repository.encryption_configuration[0].kms_key
      lifecycle_policy     = aws_ecr_lifecycle_policy.this[image].policy
    }
  }
}
