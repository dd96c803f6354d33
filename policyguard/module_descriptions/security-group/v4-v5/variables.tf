# Inputs of terraform-aws-modules/security-group/aws that decide what the group lets in and
# out, with the module's types and defaults for versions >= 4.0.0, < 6.0.0. The computed_*
# and number_of_computed_* inputs are not declared.

variable "create" {
  type    = bool
  default = true
}

variable "create_sg" {
  type    = bool
  default = true
}

variable "name" {
  type    = string
  default = null
}

variable "use_name_prefix" {
  type    = bool
  default = true
}

variable "description" {
  type    = string
  default = "Security Group managed by Terraform"
}

variable "vpc_id" {
  type    = string
  default = null
}

variable "tags" {
  type    = map(string)
  default = {}
}

variable "ingress_rules" {
  type    = list(string)
  default = []
}

variable "ingress_with_self" {
  type    = list(map(string))
  default = []
}

variable "ingress_with_cidr_blocks" {
  type    = list(map(string))
  default = []
}

variable "ingress_with_ipv6_cidr_blocks" {
  type    = list(map(string))
  default = []
}

variable "ingress_with_source_security_group_id" {
  type    = list(map(string))
  default = []
}

variable "ingress_cidr_blocks" {
  type    = list(string)
  default = []
}

variable "ingress_ipv6_cidr_blocks" {
  type    = list(string)
  default = []
}

variable "ingress_prefix_list_ids" {
  type    = list(string)
  default = []
}

variable "egress_rules" {
  type    = list(string)
  default = []
}

variable "egress_with_self" {
  type    = list(map(string))
  default = []
}

variable "egress_with_cidr_blocks" {
  type    = list(map(string))
  default = []
}

variable "egress_with_ipv6_cidr_blocks" {
  type    = list(map(string))
  default = []
}

variable "egress_with_source_security_group_id" {
  type    = list(map(string))
  default = []
}

variable "egress_cidr_blocks" {
  type    = list(string)
  default = ["0.0.0.0/0"]
}

variable "egress_ipv6_cidr_blocks" {
  type    = list(string)
  default = ["::/0"]
}

variable "egress_prefix_list_ids" {
  type    = list(string)
  default = []
}

variable "rules" {
  # The module's map of named rules: name = [from port, to port, protocol, description]. Only
  # the commonly used names are listed here; a rule name missing from this list stays unknown.
  type = map(list(any))
  default = {
    all-all        = [-1, -1, "-1", "All protocols"]
    all-tcp        = [0, 65535, "tcp", "All TCP ports"]
    all-udp        = [0, 65535, "udp", "All UDP ports"]
    all-icmp       = [-1, -1, "icmp", "All IPV4 ICMP"]
    all-ipv6-icmp  = [-1, -1, 58, "All IPV6 ICMP"]
    ssh-tcp        = [22, 22, "tcp", "SSH"]
    rdp-tcp        = [3389, 3389, "tcp", "Remote Desktop"]
    rdp-udp        = [3389, 3389, "udp", "Remote Desktop"]
    winrm-http-tcp = [5985, 5985, "tcp", "WinRM HTTP"]
    winrm-https-tcp = [5986, 5986, "tcp", "WinRM HTTPS"]
    http-80-tcp    = [80, 80, "tcp", "HTTP"]
    http-8080-tcp  = [8080, 8080, "tcp", "HTTP"]
    https-443-tcp  = [443, 443, "tcp", "HTTPS"]
    https-8443-tcp = [8443, 8443, "tcp", "HTTPS"]
    dns-udp        = [53, 53, "udp", "DNS"]
    dns-tcp        = [53, 53, "tcp", "DNS"]
    ntp-udp        = [123, 123, "udp", "NTP"]
    smtp-tcp       = [25, 25, "tcp", "SMTP"]
    ldap-tcp       = [389, 389, "tcp", "LDAP"]
    ldaps-tcp      = [636, 636, "tcp", "LDAPS"]
    nfs-tcp        = [2049, 2049, "tcp", "NFS/EFS"]
    mysql-tcp      = [3306, 3306, "tcp", "MySQL/Aurora"]
    postgresql-tcp = [5432, 5432, "tcp", "PostgreSQL"]
    mssql-tcp      = [1433, 1433, "tcp", "MSSQL Server"]
    oracle-db-tcp  = [1521, 1521, "tcp", "Oracle"]
    redshift-tcp   = [5439, 5439, "tcp", "Redshift"]
    redis-tcp      = [6379, 6379, "tcp", "Redis"]
    memcached-tcp  = [11211, 11211, "tcp", "Memcached"]
    mongodb-27017-tcp = [27017, 27017, "tcp", "MongoDB"]
    elasticsearch-rest-tcp = [9200, 9200, "tcp", "Elasticsearch REST interface"]
    kafka-broker-tcp = [9092, 9092, "tcp", "Kafka PLAINTEXT enable broker 0.8.2+"]
    kubernetes-api-tcp = [6443, 6443, "tcp", "Kubernetes API Server"]
    docker-swarm-mngmt-tcp = [2377, 2377, "tcp", "Docker Swarm cluster management"]
    etcd-client-tcp = [2379, 2379, "tcp", "Etcd Client"]
    vault-tcp      = [8200, 8200, "tcp", "Vault"]
    openvpn-udp    = [1194, 1194, "udp", "OpenVPN"]
    _              = ["", "", ""]
  }
}
