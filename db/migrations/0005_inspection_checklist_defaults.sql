-- The default inspection checklist, so every fresh database (demo or real) has one;
-- district admins rename, retire and add items from /admin/inspection-checklist.
-- Hand-written (drizzle-kit generate --custom): keep it when regenerating migrations.
INSERT INTO "inspection_checklist_items" ("key", "label_zh", "label_en", "position") VALUES
	('cleanliness', '环境整洁卫生', 'Clean and tidy premises', 1),
	('opening_hours_kept', '按公示时间开放', 'Open at the posted hours', 2),
	('accessibility', '无障碍设施完好可用', 'Accessibility features in working order', 3),
	('staff_on_duty', '工作人员按时在岗', 'Staff on duty', 4),
	('safety', '消防与安全管理到位', 'Fire and general safety', 5),
	('service_information_posted', '服务项目和收费公示', 'Services and prices posted', 6)
ON CONFLICT ("key") DO NOTHING;
