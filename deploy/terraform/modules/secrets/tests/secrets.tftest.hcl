mock_provider "aws" {
  source = "../../shared/testing"
}

variables {
  name              = "platform-test"
  namespace         = "platform-test"
  oidc_provider_arn = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF"
  oidc_issuer_host  = "oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF"
}

run "secrets_are_kms_encrypted_and_readable_by_the_namespace_only" {
  command = apply

  assert {
    condition     = alltrue([for secret in aws_secretsmanager_secret.this : secret.kms_key_id == aws_kms_key.secrets.arn && startswith(secret.name, "platform-test/")])
    error_message = "every secret is encrypted with the module's key and named under the prefix."
  }

  assert {
    condition     = sort(keys(aws_secretsmanager_secret_version.generated)) == sort(["gateway-identity-signing-key", "grafana-admin-password", "redis-auth-token"])
    error_message = "only machine-made secrets get a generated value; the rest are set by their owners."
  }

  assert {
    condition     = strcontains(aws_iam_role.external_secrets.assume_role_policy, "system:serviceaccount:platform-test:external-secrets")
    error_message = "only the namespace's external-secrets service account may assume the role."
  }

  assert {
    condition     = length(jsondecode(aws_iam_role_policy.external_secrets.policy).Statement[0].Resource) == length(aws_secretsmanager_secret.this)
    error_message = "the role reads exactly the platform's secrets."
  }
}

run "refuses_a_recovery_window_secrets_manager_rejects" {
  command = plan

  variables {
    recovery_window_days = 3
  }

  expect_failures = [var.recovery_window_days]
}
