use relance_store::Page;
use relance_wire::views::TodayView;
use relance_wire::ErrorView;
use tauri::State;

use crate::core::Core;

/// Customers per page of the Today screen.
const PAGE_SIZE: u32 = 20;

#[tauri::command]
pub fn today(core: State<'_, Core>, page: u32) -> Result<TodayView, ErrorView> {
    core.with(|ctx| relance_app::today::view(ctx, Page { size: PAGE_SIZE, index: page })).map(|r| TodayView::new(&r))
}
