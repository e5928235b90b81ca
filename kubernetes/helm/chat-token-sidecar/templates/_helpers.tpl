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
{{- include "chat-token-sidecar.checkName" (list "profiles" $name "chat-token-sidecar.profileNamePattern") -}}
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

{{- define "chat-token-sidecar.trustStoreDir" -}}
/etc/chat-token-sidecar-trust
{{- end -}}

{{- define "chat-token-sidecar.configDir" -}}
/etc/chat-token-sidecar
{{- end -}}

{{/*
Names from the values become keys of the sidecar's configuration, volume names and paths. values.schema.json refuses
the ones outside these patterns; the templates refuse them too, for values that never met the schema (helm
--skip-schema-validation, or a chart that includes these templates without this chart's schema).
HelmChartSchemaTest holds each pattern equal to its values.schema.json definition.
*/}}
{{/* definitions.profileName: it also names the pod's volumes (chat-token-key-<name>, 63 characters at most). */}}
{{- define "chat-token-sidecar.profileNamePattern" -}}
^[a-z0-9]([-a-z0-9]{0,46}[a-z0-9])?$
{{- end -}}

{{/* A profile's value names (keyId, webhookDomains, ...): values.schema.json lists each vendor's own. */}}
{{- define "chat-token-sidecar.optionNamePattern" -}}
^[a-z][a-zA-Z]*$
{{- end -}}

{{/*
definitions.memberName: a member of a map of a profile (claims, header, options): letters, digits and _ - : / @ + ~
in parts joined by single dots (a claim such as https://example.com/roles or a.b), at most 128 characters.
*/}}
{{- define "chat-token-sidecar.memberNamePattern" -}}
^[A-Za-z0-9_][-A-Za-z0-9_:/@+~]*(\.[-A-Za-z0-9_:/@+~]+)*$
{{- end -}}

{{/* (list "<where in the values>" name "<pattern template>"): fails naming the value when the name is refused. */}}
{{- define "chat-token-sidecar.checkName" -}}
{{- $where := index . 0 -}}
{{- $name := index . 1 -}}
{{- $pattern := include (index . 2) dict -}}
{{- if or (not (regexMatch $pattern $name)) (gt (len $name) 128) -}}
{{- fail (printf "%s: the name %q is refused: it must match %s, at most 128 characters (values.schema.json refuses it too)" $where $name $pattern) -}}
{{- end -}}
{{- end -}}

{{/* (list "<where in the values>" value): the value as a port number, or a failure naming it. */}}
{{- define "chat-token-sidecar.checkPort" -}}
{{- $where := index . 0 -}}
{{- $port := toString (index . 1) -}}
{{- if or (not (regexMatch "^[1-9][0-9]{0,4}$" $port)) (gt (atoi $port) 65535) -}}
{{- fail (printf "%s is %q: a port is a whole number from 1 to 65535" $where $port) -}}
{{- end -}}
{{- $port -}}
{{- end -}}

{{/* The token API's port (ports.api), checked. */}}
{{- define "chat-token-sidecar.apiPort" -}}
{{- include "chat-token-sidecar.checkPort" (list "ports.api" .Values.ports.api) -}}
{{- end -}}

{{/* The management interface's port (ports.management), checked. */}}
{{- define "chat-token-sidecar.managementPort" -}}
{{- include "chat-token-sidecar.checkPort" (list "ports.management" .Values.ports.management) -}}
{{- end -}}

{{/* Where the app asks for tokens: the value of its CHAT_TOKEN_SIDECAR_URL. */}}
{{- define "chat-token-sidecar.apiUrl" -}}
http://127.0.0.1:{{ include "chat-token-sidecar.apiPort" . }}
{{- end -}}
