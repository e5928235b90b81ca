{{/*
Names and labels. Every template here takes this chart's scope: `.` in this chart's own templates, and
`(index .Subcharts "chat-token-sidecar")` in a parent chart (Helm 3.7+), which has this chart's values
(defaults merged with the parent's overrides), its Chart and the Release.
*/}}

{{/* <release>-chat-token-sidecar, or the release name when it already says chat-token-sidecar; 63 characters at most. */}}
{{- define "chat-token-sidecar.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "chat-token-sidecar.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "chat-token-sidecar.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "chat-token-sidecar.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* The active profiles' names, sorted, as a list: the order of the values never changes the rendered output. */}}
{{- define "chat-token-sidecar.activeProfileNames" -}}
{{- $names := list -}}
{{- range $name := keys .Values.profiles | sortAlpha -}}
{{- $profile := index $.Values.profiles $name -}}
{{- if or (not (hasKey $profile "active")) $profile.active -}}
{{- $names = append $names $name -}}
{{- end -}}
{{- end -}}
{{- toJson $names -}}
{{- end -}}

{{/* Where a profile's Secret is mounted (a directory: subPath mounts never see a rotated Secret). */}}
{{- define "chat-token-sidecar.keyDir" -}}
/var/run/secrets/chat-token/{{ . }}
{{- end -}}

{{- define "chat-token-sidecar.callerTokenDir" -}}
/var/run/secrets/chat-token-caller
{{- end -}}

{{- define "chat-token-sidecar.auditKeyDir" -}}
/var/run/secrets/chat-token-audit
{{- end -}}

{{- define "chat-token-sidecar.configDir" -}}
/etc/chat-token-sidecar
{{- end -}}
