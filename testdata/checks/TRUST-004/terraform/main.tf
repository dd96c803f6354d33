variable "subject" {
  type = string
}

resource "aws_iam_role" "fail_github_no_sub" {
  name = "deploy"
  assume_role_policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = { StringEquals = { "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com" } }
    }]
  })
}

resource "aws_iam_role" "fail_github_any_repo" {
  name = "deploy-any"
  assume_role_policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = { StringLike = { "token.actions.githubusercontent.com:sub" = "repo:*" } }
    }]
  })
}

resource "aws_iam_role" "fail_eks_wildcard" {
  name = "pods"
  assume_role_policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = { StringLike = { "oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF:sub" = "*" } }
    }]
  })
}

resource "aws_iam_role" "fail_unresolved_subject" {
  name = "deploy-var"
  assume_role_policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/gitlab.com" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = { StringLike = { "gitlab.com:sub" = var.subject } }
    }]
  })
}

resource "aws_iam_role" "pass_github_repo" {
  name = "deploy-ok"
  assume_role_policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = { "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com" }
        StringLike   = { "token.actions.githubusercontent.com:sub" = "repo:acme/app:ref:refs/heads/main" }
      }
    }]
  })
}

resource "aws_iam_role" "pass_eks_service_account" {
  name = "pods-ok"
  assume_role_policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = { StringEquals = { "oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF:sub" = "system:serviceaccount:app:web" } }
    }]
  })
}

resource "aws_iam_role" "pass_saml" {
  name = "sso"
  assume_role_policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "arn:aws:iam::111122223333:saml-provider/okta" }
      Action    = "sts:AssumeRoleWithSAML"
    }]
  })
}

variable "repository" {
  type = string
}

resource "aws_iam_role" "pass_provider_reference" {
  name = "deploy-ref"
  assume_role_policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = aws_iam_openid_connect_provider.github.arn }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = { StringLike = { "token.actions.githubusercontent.com:sub" = "repo:${var.repository}:ref:refs/heads/main" } }
    }]
  })
}

resource "aws_iam_role" "fail_provider_reference_without_sub" {
  name = "deploy-ref-open"
  assume_role_policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = aws_iam_openid_connect_provider.github.arn }
      Action    = "sts:AssumeRoleWithWebIdentity"
    }]
  })
}

resource "aws_iam_role" "fail_github_every_repository_of_the_owner" {
  name = "deploy-org-wide"
  assume_role_policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = { "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com" }
        StringLike   = { "token.actions.githubusercontent.com:sub" = "repo:acme/*" }
      }
    }]
  })
}

resource "aws_iam_role" "pass_github_any_branch_of_one_repository" {
  name = "deploy-any-branch"
  assume_role_policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = { "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com" }
        StringLike   = { "token.actions.githubusercontent.com:sub" = "repo:acme/app:*" }
      }
    }]
  })
}
