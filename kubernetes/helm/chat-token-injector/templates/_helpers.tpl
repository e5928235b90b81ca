{{/* <release>-chat-token-injector, or the release name when it already says chat-token-injector; 63 characters at most. */}}
{{- define "chat-token-injector.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "chat-token-injector.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "chat-token-injector.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "chat-token-injector.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "chat-token-injector.image" -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) -}}
{{- end -}}

{{/*
The sidecar's values as the injector reads them (chat-token.injector.sidecar-values-file): the sidecar chart's values
of the same names, as JSON built from data. The image defaults to the injector's own.
*/}}
{{- define "chat-token-injector.sidecarValues" -}}
{{- $s := .Values.sidecar -}}
{{- $image := dict "repository" ($s.image.repository | default .Values.image.repository) "tag" ($s.image.tag | default .Values.image.tag | default .Chart.AppVersion) "pullPolicy" ($s.image.pullPolicy | default .Values.image.pullPolicy) -}}
{{- dict "image" $image "nativeSidecar" $s.nativeSidecar "reloadInterval" $s.reloadInterval "ports" $s.ports "resources" $s.resources "securityContext" $s.securityContext "podSecurityContext" $s.podSecurityContext "probes" $s.probes "upstream" $s.upstream | toPrettyJson -}}
{{- end -}}

{{- define "chat-token-injector.tlsSecret" -}}
{{- printf "%s-tls" (include "chat-token-injector.fullname" .) -}}
{{- end -}}
