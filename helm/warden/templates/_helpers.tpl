{{/* Resource names are cut to 63 characters because DNS labels are. */}}
{{- define "warden.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "warden.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Pod names add "-N" to the StatefulSet's name and must stay valid DNS labels. */}}
{{- define "warden.headless" -}}
{{- printf "%s-headless" (include "warden.fullname" . | trunc 54 | trimSuffix "-") -}}
{{- end -}}

{{- define "warden.selectorLabels" -}}
app.kubernetes.io/name: {{ include "warden.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "warden.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "warden.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/component: coordination
{{- end -}}

{{- define "warden.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{/* The port probes, Services and Prometheus use: HTTPS replaces plain HTTP entirely. */}}
{{- define "warden.httpPortName" -}}
{{- if .Values.tls.enabled -}}https{{- else -}}http{{- end -}}
{{- end -}}

{{- define "warden.httpPort" -}}
{{- if .Values.tls.enabled -}}{{ .Values.ports.https }}{{- else -}}{{ .Values.ports.http }}{{- end -}}
{{- end -}}

{{- define "warden.scheme" -}}
{{- if .Values.tls.enabled -}}HTTPS{{- else -}}HTTP{{- end -}}
{{- end -}}

{{- define "warden.podDNSSuffix" -}}
{{- printf "%s.%s.svc.%s" (include "warden.headless" .) .Release.Namespace .Values.cluster.domain -}}
{{- end -}}

{{/* Every member as id=host:port; the id is the pod name, which the pod learns from the downward API. */}}
{{- define "warden.peers" -}}
{{- $full := include "warden.fullname" . -}}
{{- $suffix := include "warden.podDNSSuffix" . -}}
{{- $port := .Values.ports.raft -}}
{{- $peers := list -}}
{{- range $i := until (int .Values.replicas) -}}
{{- $peers = append $peers (printf "%s-%d=%s-%d.%s:%v" $full $i $full $i $suffix $port) -}}
{{- end -}}
{{- join "," $peers -}}
{{- end -}}

{{- define "warden.quorum" -}}
{{- add (div (int .Values.replicas) 2) 1 -}}
{{- end -}}

{{- define "warden.authSecretName" -}}
{{- default (printf "%s-auth" (include "warden.fullname" .)) .Values.auth.existingSecret -}}
{{- end -}}

{{- define "warden.authSecretKey" -}}
{{- if .Values.auth.existingSecret -}}{{ .Values.auth.existingSecretKey }}{{- else -}}token{{- end -}}
{{- end -}}

{{- define "warden.raftTlsSecretName" -}}
{{- default .Values.tls.secretName .Values.raftTls.secretName -}}
{{- end -}}

{{/*
The schema refuses most bad values; these are the ones that depend on each other, which it
cannot express as clearly.
*/}}
{{- define "warden.validate" -}}
{{- $r := int .Values.replicas -}}
{{- if or (lt $r 1) (eq (mod $r 2) 0) -}}
{{- fail (printf "replicas must be odd and at least 1 (got %d): an even group tolerates no more failures than the odd group one smaller" $r) -}}
{{- end -}}
{{- if and .Values.auth.enabled (not .Values.auth.existingSecret) (not .Values.auth.bootstrapToken) -}}
{{- fail "auth.enabled needs auth.existingSecret (recommended) or auth.bootstrapToken" -}}
{{- end -}}
{{- if and .Values.auth.bootstrapToken (lt (len .Values.auth.bootstrapToken) 16) -}}
{{- fail "auth.bootstrapToken must be at least 16 characters" -}}
{{- end -}}
{{- if and .Values.tls.enabled (not .Values.tls.secretName) -}}
{{- fail "tls.enabled needs tls.secretName" -}}
{{- end -}}
{{- if and .Values.raftTls.enabled (not (include "warden.raftTlsSecretName" .)) -}}
{{- fail "raftTls.enabled needs raftTls.secretName or tls.secretName" -}}
{{- end -}}
{{- if and .Values.serviceMonitor.enabled .Values.auth.enabled .Values.auth.protectOperations (not .Values.serviceMonitor.bearerTokenSecret.name) -}}
{{- fail "auth.protectOperations makes /q/metrics need a token: set serviceMonitor.bearerTokenSecret.name" -}}
{{- end -}}
{{- end -}}
